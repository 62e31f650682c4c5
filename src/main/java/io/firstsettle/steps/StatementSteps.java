package io.firstsettle.steps;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.cucumber.java.zh_cn.当;
import io.cucumber.java.zh_cn.那么;
import io.firstsettle.oracle.FirstTransactionViews;
import io.firstsettle.oracle.ViewCollector;

import java.util.List;

/** The merchant looking at the statement the bank serves, as a merchant would between the sale and the credit. */
public final class StatementSteps {
    private final ScenarioWorld world;

    public StatementSteps(ScenarioWorld world) {
        this.world = world;
    }

    @When("the merchant looks at the statement")
    @当("商户查看对账单")
    public void looks() {
        world.sawPending(pendingNow());
    }

    @Then("the merchant sees the first sale pending because of {string}")
    @那么("商户看到首笔交易待入账，原因是 {string}")
    public void seesPending(String cause) {
        List<FirstTransactionViews.Credit> pending = pendingNow();
        world.sawPending(pending);
        if (pending.stream().noneMatch(c -> c.reason() != null && c.reason().toLowerCase().contains(cause.toLowerCase()))) {
            throw new AssertionError("expected the first sale PENDING because of '" + cause + "', the statement shows "
                    + ViewCollector.statement(world.rig(), rrn()).credits() + "\nevidence: " + world.evidenceDir());
        }
    }

    private List<FirstTransactionViews.Credit> pendingNow() {
        return ViewCollector.statement(world.rig(), rrn()).pending();
    }

    private String rrn() {
        return ViewCollector.host(world.rig(), world.firstSale()).rrn();
    }
}
