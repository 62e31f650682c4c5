package io.firstsettle.steps;

import io.cucumber.java.zh_cn.那么;
import io.cucumber.java.en.Then;
import io.firstsettle.oracle.FirstTransactionViews;
import io.firstsettle.oracle.Oracle;
import io.firstsettle.oracle.Verdict;
import io.firstsettle.oracle.VerdictKind;
import io.firstsettle.oracle.ViewCollector;

import java.util.Map;

/** The oracle's verdict on the first transaction, and the money it names. */
public final class VerdictSteps {
    private final ScenarioWorld world;

    public VerdictSteps(ScenarioWorld world) {
        this.world = world;
    }

    @那么("首笔交易的结论是 {verdict}")
    @Then("the first transaction is {verdict}")
    public void firstTransactionIs(VerdictKind expected) {
        Verdict v = judge();
        if (v.kind() != expected) {
            throw new AssertionError("expected the first transaction to be " + expected + " but the oracle says "
                    + v.explain() + "\nevidence: " + world.evidenceDir());
        }
    }

    @那么("商户入账 {amount} EUR 且仅一次")
    @Then("the merchant is credited {amount} EUR exactly once")
    public void creditedOnce(String amount) {
        long expected = Money.minor(amount);
        FirstTransactionViews.Statement st = ViewCollector.statement(world.rig(), judgeHostRrn());
        if (st.creditedCount() != 1 || st.creditedAmount() != expected) {
            throw new AssertionError("expected one credit of " + amount + " on the merchant statement, found "
                    + st.creditedCount() + " credit(s) totalling " + Oracle.money(st.creditedAmount())
                    + "\nevidence: " + world.evidenceDir());
        }
    }

    private String judgeHostRrn() {
        return ViewCollector.host(world.rig(), world.firstSale()).rrn();
    }

    private Verdict judge() {
        if (world.verdict() == null) {
            if (world.firstSale() == null) {
                throw new AssertionError("no first sale was made in this scenario, so there is nothing to judge");
            }
            Verdict v = ViewCollector.judge(world.rig(), world.firstSale(), world.firstSaleAmountMinor());
            world.verdict(v);
            world.rig().evidence().record("oracle", "verdict", Map.of("verdict", v.kind().name(),
                    "summary", v.summary(), "because", v.because()));
        }
        return world.verdict();
    }
}
