package io.firstsettle.steps;

import io.firstsettle.core.event.Generic;
import io.cucumber.java.zh_cn.那么;
import io.cucumber.java.en.Then;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.evidence.EventLog;
import io.firstsettle.oracle.Cause;
import io.firstsettle.oracle.Diagnosis;
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

    @Then("the merchant is not credited")
    @那么("商户未入账")
    public void notCredited() {
        FirstTransactionViews.Host host = ViewCollector.host(world.rig(), world.firstSale());
        long credited = world.rig().bank().statement(world.rig().spec().terminal().merchantId()).credits().stream()
                .filter(c -> "CREDITED".equals(c.status())).count();
        if (credited != 0) {
            throw new AssertionError("expected no credit for the first transaction, but the merchant statement shows "
                    + credited + " (host RRN " + host.rrn() + ")\nevidence: " + world.evidenceDir());
        }
    }

    @Then("the cardholder is not charged")
    @那么("持卡人未被扣款")
    public void notCharged() {
        FirstTransactionViews.Host host = ViewCollector.host(world.rig(), world.firstSale());
        boolean charged = host.approvedSales() > 0 && !host.reversed();
        if (charged) {
            throw new AssertionError("expected no charge, but the host approved the sale (RRN " + host.rrn()
                    + ") and it was never reversed\nevidence: " + world.evidenceDir());
        }
    }

    @Then("the terminal reports host response code {string}")
    @那么("终端报告主机应答码 {string}")
    public void terminalReportsHostCode(String de39) {
        Outcome sale = world.firstSale();
        if (sale.code() != null && !sale.code().carriesHostCodes()) {
            // the protocol answers only approved / refused (Concert E+: 0 / 7): what can be checked is that the
            // terminal approved on 00 and refused on any other host code, not which code it would have shown
            boolean approvedCode = "00".equals(de39);
            if (sale.approved() != approvedCode || !sale.answered()) {
                throw new AssertionError("expected the terminal to " + (approvedCode ? "approve" : "refuse")
                        + " the first sale (host code " + de39 + "; " + sale.code().protocol() + " carries no host "
                        + "code), it answered " + sale + "\nevidence: " + world.evidenceDir());
            }
            world.rig().evidence().record("scenario", new Generic("reason-not-carried", java.util.Map.of("expected",
                    "host code " + de39, "protocol", sale.code().protocol(), "reported", sale.code().text())));
            return;
        }
        String shown = sale.code() == null ? null : sale.code().hostCode() != null ? sale.code().hostCode()
                : sale.code().protocol().toUpperCase(java.util.Locale.ROOT) + " " + sale.code().text();
        if (!de39.equals(shown)) {
            throw new AssertionError("expected the terminal to report host response code " + de39 + " but it reported "
                    + (sale.code() == null ? "no result code" : shown + " (" + sale.reason() + ")")
                    + "\nevidence: " + world.evidenceDir());
        }
    }

    @Then("the diagnosis names {cause} as the cause")
    @那么("诊断结论的原因是 {cause}")
    public void diagnosisNames(Cause expected) {
        judge();
        Diagnosis d = Diagnosis.of(EventLog.read(world.evidenceDir()));
        if (d.cause() != expected) {
            throw new AssertionError("expected the diagnosis to name " + expected + ", it names " + d.cause() + ": "
                    + d.finding() + "\nevidence: " + world.evidenceDir());
        }
    }

    private String judgeHostRrn() {
        return ViewCollector.host(world.rig(), world.firstSale()).rrn();
    }

    private Verdict judge() {
        if (world.firstSale() == null) {
            throw new AssertionError("no first sale was made in this scenario, so there is nothing to judge");
        }
        return world.judgeOnce();
    }
}
