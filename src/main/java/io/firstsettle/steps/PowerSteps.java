package io.firstsettle.steps;

import io.cucumber.java.en.When;
import io.cucumber.java.zh_cn.当;
import io.firstsettle.core.Waits;
import io.firstsettle.fault.AppliedFault;
import io.firstsettle.host.HostJournal;
import io.firstsettle.lab.LabFault;
import io.firstsettle.lab.Rig;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.terminal.Register;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Power cuts at the worst moments: while the host's answer to the first sale, or to the settlement, is on its way.
 * The answer is held on the link (a lab timing aid, fixtures/faults/link-hold-*.yaml) so the cut lands while the
 * terminal is certainly waiting; the hold is lifted when the power goes.
 */
public final class PowerSteps {
    private static final Duration HOST_ANSWER_BOUND = Duration.ofSeconds(60);

    private final ScenarioWorld world;

    public PowerSteps(ScenarioWorld world) {
        this.world = world;
    }

    @When("the terminal loses power while the first sale of {amount} EUR with the test card {string} waits for the host")
    @当("首笔消费 {amount} EUR 用测试卡 {string} 等待主机应答时终端断电")
    public void powerLossMidSale(String amount, String cardName) {
        long minor = Money.minor(amount);
        Rig rig = world.rig();
        rig.presentCard(CardProfile.named(cardName), minor);
        Outcome t = cutPowerWhile("0210", "the host's answer to the first sale", r -> r.sale(minor),
                "link-hold-sale-answer");
        world.firstSale(t, minor);
    }

    @When("the terminal loses power while the day is being closed")
    @当("日终结算进行中终端断电")
    public void powerLossMidSettlement() {
        Skips.doUnlessSupported(world, () -> world.rig().require(Capability.END_OF_DAY,
                "the day is closed from the register"));
        world.endOfDay(cutPowerWhile("0510", "the host's answer to the settlement", Register::endOfDay,
                "link-hold-settlement-answer"));
    }

    @When("the terminal is powered on again")
    @当("终端重新上电")
    public void powerOn() {
        Skips.doUnlessSupported(world, () -> world.rig().powerOn());
    }

    @When("the cashier takes the first sale of {amount} EUR again with the test card {string}")
    @当("收银员用测试卡 {string} 重新收取首笔消费 {amount} EUR")
    public void retake(String amount, String cardName) {
        long minor = Money.minor(amount);
        world.rig().presentCard(CardProfile.named(cardName), minor);
        world.firstSaleRetaken(world.rig().register().sale(minor), minor);
    }

    private Outcome cutPowerWhile(String answerMti, String what, Function<Register, Outcome> command, String hold) {
        Rig rig = world.rig();
        Skips.doUnlessSupported(world, () -> rig.requirePowerControl("cut the terminal's power mid-sequence"));
        String tid = rig.spec().terminal().terminalId();
        AppliedFault held = rig.applyFault(hold);
        Register register = rig.register();
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> command.apply(register));
        try {
            long before = messages(rig, tid, OUT, answerMti);
            // ... or, for a sale, for the terminal to give up first (its reversal reaches the host): refused below
            Waits.until(rig.spec().clock(), what + " to leave the host", HOST_ANSWER_BOUND,
                    () -> messages(rig, tid, OUT, answerMti) > before
                            || answerMti.equals("0210") && messages(rig, tid, IN, "0400") > 0
                            ? Optional.of(true) : Optional.empty(),
                    () -> "host journal: " + rig.host().journal().entries().size() + " entries, "
                            + messages(rig, tid, OUT, answerMti) + " " + answerMti);
            // what the terminal had done at the instant of the cut (powering off takes its time: the terminal stops)
            Optional<LabFault> tooLate = answerMti.equals("0210") ? lateCut(rig, tid) : Optional.empty();
            rig.powerOff();
            if (tooLate.isPresent()) {
                throw world.stopAsLabFault(tooLate.get());
            }
            return running.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cutting the power", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the register did not notice the power cut within 10 s: " + e, e);
        } finally {
            held.remove();
        }
    }

    /**
     * The power must go while the terminal still waits for the host. If its own host timeout had (nearly) run out at
     * the cut, or it had already sent a reversal, it gave up and reversed live: the scenario did not test a power loss
     * while waiting, and a verdict would claim it did (a terminal that does not persist its reversal would pass).
     * That is the lab's fault (a machine too slow for the lab scale), reported as LAB_FAULT with what to do.
     */
    private static Optional<LabFault> lateCut(Rig rig, String tid) {
        java.time.Instant cut = rig.spec().clock().now();
        Duration timeout = rig.spec().terminal().hostTimeout();
        List<HostJournal.Entry> in = rig.host().journal().entries().stream()
                .filter(e -> !e.isOut() && tid.equals(e.tid())).toList();
        HostJournal.Entry sale = in.stream().filter(e -> "0200".equals(e.mti())).reduce((a, b) -> b).orElse(null);
        long reversals = in.stream().filter(e -> "0400".equals(e.mti())).count();
        Duration waited = sale == null ? Duration.ZERO : Duration.between(sale.at(), cut);
        boolean nearTimeout = waited.compareTo(timeout.multipliedBy(9).dividedBy(10)) >= 0;
        if (!(reversals > 0 || nearTimeout)) {
            return Optional.empty();
        }
        return Optional.of(new LabFault("the power was cut too late: the terminal had waited "
                + waited.toMillis() / 1000.0 + " lab s of its " + timeout.toSeconds() + " s host timeout"
                + (reversals > 0 ? " and already sent " + reversals + " reversal(s)" : "") + " when the power went, "
                + "so it may have given up and reversed live, and this scenario would not test a power loss while "
                + "waiting. The machine is too slow for this lab scale: rerun with a larger --scale, or on a less "
                + "loaded machine"));
    }

    private static final boolean OUT = true;
    private static final boolean IN = false;

    /** Messages of {@code tid} with this MTI in the host journal, the host's answers ({@link #OUT}) or requests. */
    private static long messages(Rig rig, String tid, boolean out, String mti) {
        return rig.host().journal().entries().stream()
                .filter(e -> e.isOut() == out && mti.equals(e.mti()) && tid.equals(e.tid())).count();
    }

}
