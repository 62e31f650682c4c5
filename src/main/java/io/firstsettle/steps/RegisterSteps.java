package io.firstsettle.steps;

import io.firstsettle.core.event.Generic;
import io.firstsettle.core.event.AbortPressed;
import io.firstsettle.core.event.RegisterMisconfigured;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.zh_cn.假如;
import io.cucumber.java.zh_cn.那么;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.terminal.RegisterBehaviour;
import io.firstsettle.terminal.TerminalStatus;

import java.util.Map;

/** What the cash register is set up to do, and what it hears back from the terminal. */
public final class RegisterSteps {
    private final ScenarioWorld world;

    public RegisterSteps(ScenarioWorld world) {
        this.world = world;
    }

    @Given("the cash register ignores print lines")
    @假如("收银机忽略打印行")
    public void ignoresPrintLines() {
        Skips.doUnlessSupported(world, () -> world.rig().register().behave(RegisterBehaviour.IGNORES_PRINT_LINES));
        world.rig().evidence().record("operator", new RegisterMisconfigured("IGNORES_PRINT_LINES",
                "the config byte says the register prints, but its printer driver never answers 06 D1 or 06 D3"));
    }

    @Given("the cashier presses abort while the terminal waits for the host")
    @假如("收银员在终端等待主机应答时按下取消")
    public void abortsWhileWaiting() {
        // a terminal that refuses Abort (06 B0; some PAX firmwares) has no ABORT capability: the scenario is skipped
        Skips.doUnlessSupported(world,
                () -> world.rig().register().behave(RegisterBehaviour.ABORTS_WHILE_WAITING_FOR_HOST));
        world.rig().evidence().record("operator", new AbortPressed("while the terminal waits for the host"));
    }

    @Then("the terminal reports {string}")
    @那么("终端报告 {string}")
    public void terminalReports(String words) {
        Outcome sale = world.firstSale();
        String meaning = String.valueOf(sale.reason());
        if (sale.code() != null && !sale.code().carriesHostCodes()) {
            // the protocol answers only approved / refused (Concert E+: 0 / 7): every reason the catalogue names is a
            // refusal, so what can be checked is that the terminal refused, not which words it would have shown
            if (sale.approved() || !sale.answered()) {
                throw new AssertionError("expected the terminal to refuse the first sale ('" + words + "'; "
                        + sale.code().protocol() + " carries no reason), it answered " + sale + "\nevidence: "
                        + world.evidenceDir());
            }
            world.rig().evidence().record("scenario", new Generic("reason-not-carried", java.util.Map.of("expected",
                    words,
                    "protocol", sale.code().protocol(), "reported", sale.code().text())));
            return;
        }
        if (!meaning.toLowerCase().contains(words.toLowerCase())) {
            throw new AssertionError("expected the terminal to report '" + words + "' for the first sale, it reported "
                    + (sale.code() == null ? "no result code" : sale.code().text()) + " (" + meaning + ")"
                    + "\nevidence: " + world.evidenceDir());
        }
    }

    @Then("the terminal reports an open batch")
    @那么("终端报告有未结算批次")
    public void reportsOpenBatch() {
        TerminalStatus t = Skips.unlessSupported(world, () -> world.rig().register().status());
        if (!t.openBatch()) {
            throw new AssertionError("expected the status answer to say the batch is open (ZVT: reconciliation "
                    + "required, F0), got " + t.status() + " (" + t.outcome() + ")\nevidence: " + world.evidenceDir());
        }
    }
}
