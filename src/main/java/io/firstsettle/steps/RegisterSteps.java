package io.firstsettle.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.zh_cn.假如;
import io.cucumber.java.zh_cn.那么;
import io.firstsettle.ecr.zvt.register.EcrBehaviour;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.ResultCode;
import io.firstsettle.ecr.zvt.message.StatusEnquiry;
import io.firstsettle.ecr.zvt.message.TerminalStatusCode;
import io.firstsettle.lab.LabFault;

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
        world.rig().ecr().behaviour(EcrBehaviour.IGNORES_PRINT_LINES);
        world.rig().evidence().record("operator", "register-setup", Map.of("behaviour", "IGNORES_PRINT_LINES",
                "why", "the config byte says the register prints, but its printer driver never answers 06 D1 or 06 D3"));
    }

    @Given("the cashier presses abort while the terminal waits for the host")
    @假如("收银员在终端等待主机应答时按下取消")
    public void abortsWhileWaiting() {
        if (!world.rig().spec().terminal().abortSupported()) {
            throw new LabFault("terminal profile " + world.rig().spec().terminal().name() + " says the terminal does not "
                    + "accept Abort (06 B0) from the register (some PAX firmwares refuse it); this scenario needs it: run "
                    + "it against a terminal that does, or leave it out with --tags 'not @abort'");
        }
        world.rig().ecr().behaviour(EcrBehaviour.ABORTS_WHILE_WAITING_FOR_HOST);
        world.rig().evidence().record("operator", "abort-pressed", Map.of("when", "while the terminal waits for the host"));
    }

    @Then("the terminal reports {string}")
    @那么("终端报告 {string}")
    public void terminalReports(String words) {
        EcrTranscript sale = world.firstSale();
        Integer rc = sale.resultCode();
        String meaning = rc == null ? String.valueOf(sale.problem()) : ResultCode.meaning(rc);
        if (!meaning.toLowerCase().contains(words.toLowerCase())) {
            throw new AssertionError("expected the terminal to report '" + words + "' for the first sale, it reported "
                    + (rc == null ? "no result code" : String.format("%02X", rc)) + " (" + meaning + ")"
                    + "\nevidence: " + world.evidenceDir());
        }
    }

    @Then("the terminal reports an open batch")
    @那么("终端报告有未结算批次")
    public void reportsOpenBatch() {
        EcrTranscript t = world.rig().ecr().statusEnquiry(new StatusEnquiry(world.rig().spec().terminal().password()));
        TerminalStatusCode status = t.completion() == null ? null : t.completion().terminalStatusCode().orElse(null);
        if (status != TerminalStatusCode.RECONCILIATION_REQUIRED) {
            throw new AssertionError("expected the Status-Enquiry answer to say 'reconciliation required' (F0), got "
                    + status + " (" + t + ")\nevidence: " + world.evidenceDir());
        }
    }
}
