package io.firstsettle.steps;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.cucumber.java.zh_cn.当;
import io.cucumber.java.zh_cn.那么;
import io.firstsettle.core.Waits;
import io.firstsettle.core.event.EcrCommand;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.Generic;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.fault.AppliedFault;
import io.firstsettle.fault.SerialFaultPort;
import io.firstsettle.lab.LabFault;
import io.firstsettle.lab.Rig;
import io.firstsettle.profile.TerminalProfile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The serial line between register and terminal: a disturbance passing, a register that cannot reach its terminal. */
public final class SerialSteps {
    private final ScenarioWorld world;

    public SerialSteps(ScenarioWorld world) {
        this.world = world;
    }

    /**
     * The serial fault's window ends (the cable is back, the interference over) and both ends finish what they were
     * doing: waits until no byte has crossed the line for longer than the terminal's tries of one frame take.
     */
    @When("the disturbance on the serial line is over")
    @当("串口线路的干扰结束")
    public void disturbanceOver() {
        Rig rig = world.rig();
        SerialFaultPort line = Skips.unlessSupported(world, rig::serialLine);
        TerminalProfile p = rig.spec().terminal();
        AppliedFault f = line.current();
        Duration window = f == null || f.profile().serial().lasting() == null ? Duration.ZERO
                : f.profile().serial().lasting();
        Waits.until(rig.spec().clock(), "the serial fault's window to end", window.plusSeconds(5),
                () -> line.lineDisturbed() ? Optional.empty() : Optional.of(true), () -> "the line still disturbed");
        if (f != null) {
            f.remove();
        }
        long quiet = p.t2Millis() + p.t3Millis() + 300L;
        Duration realBound = Duration.ofMillis(quiet * 4 + 2L * p.t3Millis());
        Waits.until(rig.spec().clock(), "the serial line to be quiet for " + quiet + " ms",
                rig.spec().clock().toLab(realBound),
                () -> line.quietMillis() >= quiet ? Optional.of(true) : Optional.empty(),
                () -> "bytes still crossing, last " + line.quietMillis() + " ms ago");
        rig.evidence().record("lab", new Generic("serial-line-quiet", Map.of("quietMillis", line.quietMillis())));
    }

    /**
     * The register sends its Registration; when the terminal never acknowledges a single frame the lab is at fault
     * (the terminal cannot be judged through a line that carries nothing): recorded as LAB_FAULT naming the port
     * and the line settings to check.
     */
    @When("the cash register tries to register the terminal")
    @当("收银机尝试注册该终端")
    public void triesToRegister() {
        Rig rig = world.rig();
        TerminalProfile p = rig.spec().terminal();
        Outcome t = Skips.unlessSupported(world, () -> rig.register().logOn());
        world.registration(t);
        java.util.List<EvidenceEvent> events = rig.evidence().log().events();
        java.util.Optional<LabFault> dead = io.firstsettle.lab.Unreachable.in(events);
        if (!t.answered() && dead.isPresent()) {
            long garbage = events.stream().filter(e -> e.is("ecr", "zvt-garbage")).count();
            LabFault fault = new LabFault(dead.get().getMessage() + "; the line is set to " + lineSettings(p)
                    + (garbage > 0 ? " and " + garbage + " burst(s) of bytes arrived that formed no frame, the sign of "
                    + "different line settings at the two ends: set the terminal to " + lineSettings(p)
                    + " or the profile's baud/stopBits to the terminal's" : ""));
            world.labFault(fault);
            rig.evidence().record("lab", new Generic("lab-fault", Map.of("error", fault.getMessage())));
        }
    }

    static String lineSettings(TerminalProfile p) {
        return p.baud() + " baud 8N" + p.stopBits();
    }

    @Then("the scenario is a lab fault naming the line settings")
    @那么("场景结论是实验室故障并指出串口参数")
    public void labFaultNamingLineSettings() {
        TerminalProfile p = world.rig().spec().terminal();
        LabFault f = world.labFault();
        if (f == null) {
            throw new AssertionError("expected a LAB_FAULT, but the register reached the terminal: "
                    + world.registration() + "\nevidence: " + world.evidenceDir());
        }
        for (String needed : List.of(lineSettings(p), world.rig().line())) {
            if (!f.getMessage().contains(needed)) {
                throw new AssertionError("the lab fault does not name '" + needed + "': " + f.getMessage());
            }
        }
    }

    /**
     * The register printed the whole receipt exactly once: on an emulated terminal every line the terminal sent (first
     * tries) arrived once; on a physical terminal no line arrived twice in a row and there is at least one.
     */
    /**
     * The sale's receipt is complete where this protocol prints it: through the register (ZVT print lines, checked as
     * below) or, where no receipt lines cross the line (Concert E+), on the emulated terminal's own paper: one customer
     * copy with every line of the sale (a physical terminal's paper cannot be read: skipped).
     */
    @Then("the receipt is complete")
    public void receiptCompleteWherePrinted() {
        if (world.rig().terminal().capabilities().contains(Capability.PRINT_LINES)) {
            receiptComplete();
            return;
        }
        if (!world.rig().emulated()) {
            Skips.doUnlessSupported(world, () -> {
                throw new io.firstsettle.terminal.NotSupported(Capability.PRINT_LINES, world.rig().terminal()
                        .describe(), "the terminal prints on its own paper, which the harness cannot read");
            });
        }
        List<String> paper = world.rig().terminal().ownPaper();
        int copy = paper.indexOf("FIRSTSETTLE EMULATED PT  CUSTOMER COPY");
        Outcome sale = world.firstSale();
        String saleLine = sale.amountMinor() == null ? "SALE " : String.format("SALE %d.%02d ",
                sale.amountMinor() / 100, sale.amountMinor() % 100);
        boolean complete = copy >= 0 && paper.size() >= copy + 6 && paper.get(copy + 2).startsWith(saleLine)
                && paper.get(copy + 3).startsWith("CARD ") && paper.get(copy + 4).startsWith("TRACE ")
                && (paper.get(copy + 5).startsWith("APPROVED") || paper.get(copy + 5).startsWith("DECLINED"));
        if (!complete) {
            throw new AssertionError("the terminal's own paper holds no complete customer copy of the sale (" + saleLine
                    + "...): " + paper + "\nevidence: " + world.evidenceDir());
        }
    }

    @Then("the receipt reached the register complete")
    @那么("收银机收到完整的小票")
    public void receiptComplete() {
        Skips.doUnlessSupported(world, () -> world.rig().require(Capability.PRINT_LINES,
                "the receipt is printed by the terminal itself; no receipt lines cross the line to check"));
        Outcome sale = world.firstSale();
        List<String> got = sale.receipt();
        List<String> sent = new java.util.ArrayList<>();
        for (EvidenceEvent e : world.rig().evidence().log().events()) {
            if (e.payload() instanceof EcrCommand c && "End-of-Day".equals(c.command())) {
                break; // the sale's receipt ends where the day's closing starts
            }
            if ("terminal".equals(e.source()) && e.payload() instanceof SerialFrame f && f.isZvt() && f.outbound()
                    && Integer.valueOf(1).equals(f.attempt()) && String.valueOf(f.apdu()).contains(": 06 D1 ")) {
                sent.add(f.apdu());
            }
        }
        boolean complete = world.rig().emulated() ? got.size() == sent.size() && !got.isEmpty()
                : !got.isEmpty();
        for (int i = 1; i < got.size(); i++) {
            complete &= !got.get(i).equals(got.get(i - 1)) || got.get(i).isBlank();
        }
        if (!complete) {
            throw new AssertionError("the register's receipt is not complete: it got " + got.size() + " line(s) "
                    + got + (world.rig().emulated() ? ", the terminal sent " + sent.size() : "")
                    + "\nevidence: " + world.evidenceDir());
        }
    }
}
