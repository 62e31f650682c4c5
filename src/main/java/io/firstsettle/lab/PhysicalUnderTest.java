package io.firstsettle.lab;

import io.firstsettle.core.event.Generic;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.concert.ConcertLine;
import io.firstsettle.ecr.concert.ConcertLink;
import io.firstsettle.ecr.concert.ConcertRegister;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.ecr.zvt.link.TcpZvtLink;
import io.firstsettle.evidence.EvidenceRecorder;
import io.firstsettle.fault.SerialFaultPort;
import io.firstsettle.port.BytePorts;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.NotSupported;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.TerminalUnderTest;
import io.firstsettle.terminal.concert.ConcertRegisterAdapter;
import io.firstsettle.terminal.zvt.ZvtRegister;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A physical terminal: the harness is only its cash register, on the profile's port (a serial device through jssc,
 * tcp:// to ser2net, rfc2217://, or ZVT over TCP to an Ethernet terminal when ecrLink is tcp), in the profile's
 * protocol. Power control where the profile names powerOff/powerOn commands; the cardholder is the lab operator.
 */
final class PhysicalUnderTest implements TerminalUnderTest {
    private final TerminalWiring w;
    private final TerminalProfile p;
    private SerialFaultPort serialLine;
    private Register register;

    PhysicalUnderTest(TerminalWiring w) {
        this.w = w;
        this.p = w.spec().terminal();
    }

    @Override
    public String describe() {
        return "physical " + p.protocol() + " terminal of profile " + p.name() + " on " + p.port();
    }

    @Override
    public String protocol() {
        return p.protocol();
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> c = EnumSet.noneOf(Capability.class);
        if (p.powerOff() != null) {
            c.add(Capability.POWER);
        }
        if (!"tcp".equals(p.ecrLink())) {
            c.add(Capability.SERIAL_LINE);
            c.add(Capability.SERIAL_POINTS);
        }
        c.addAll(p.concertProtocol() ? ConcertRegisterAdapter.capabilities(p.concert().registerSettings(p.currency()))
                : ZvtRegister.capabilities(p));
        if (p.concertProtocol() && p.concert().telecollecteTime().isPresent()) {
            c.add(Capability.END_OF_DAY); // by the terminal's schedule, awaited by ScheduledEndOfDay
        }
        return c;
    }

    @Override
    public boolean emulated() {
        return false;
    }

    @Override
    public void start() {
        LabClock clock = w.spec().clock();
        EvidenceRecorder ev = w.evidence();
        if (p.concertProtocol()) {
            ConcertLine line = p.concert().concertLine();
            serialLine = new SerialFaultPort(BytePorts.open(p.port(), line.settings()), clock, ev,
                    io.firstsettle.fault.SerialFraming.CONCERT);
            ConcertLink link = new ConcertLink(serialLine, p.concert().timings(), line.bit7(), ev, "ecr");
            // no end-of-day request in E+: the terminal's own schedule closes the day (concert.telecollecte)
            register = new ScheduledEndOfDay(new ConcertRegisterAdapter(new ConcertRegister(link, clock,
                    p.concert().registerSettings(p.currency()), ev), link, p.port(), ev), p.terminalId(),
                    p.concert().telecollecteTime(), p.concert().telecollecteWaitMinutes(), clock, () -> ev.log().events(), ev);
        } else {
            ApduLink link = "tcp".equals(p.ecrLink()) ? TcpZvtLink.connect(p.port(), ev)
                    : new SerialZvtLink(serialLine = new SerialFaultPort(BytePorts.open(p.port(), BenchLine.settings(p)),
                    clock, ev), p.linkTimings(clock), ev, "ecr");
            register = new ZvtRegister(BenchLine.register(link, p, clock, ev), link, p);
        }
        ev.record("lab", new Generic("physical-terminal", Map.of("port", p.port(), "ecrLink", p.ecrLink(),
                "protocol", p.protocol(),
                "hostListen", p.hostListen())));
    }

    @Override
    public void powerOn() {
        requirePower();
        if (register != null) {
            throw new IllegalStateException("the terminal is already on");
        }
        PowerSwitch.run("power-on-command", p.powerOn(), w.evidence());
        BenchBoot.awaitLine(p, w.spec().clock(), w.evidence());
        start();
    }

    @Override
    public void powerOff() {
        requirePower();
        try {
            PowerSwitch.run("power-off-command", p.powerOff(), w.evidence());
        } finally {
            closeRegister(); // the register sees its line die, as with the emulated terminal
        }
    }

    private void requirePower() {
        if (!supports(Capability.POWER)) {
            throw new NotSupported(Capability.POWER, describe(), "name powerOff/powerOn commands in the profile "
                    + "(a switched PDU, USB relay or uhubctl), or run such scenarios against the emulated terminal");
        }
    }

    private void closeRegister() {
        Closing.all(w.evidence(), register);
        register = null;
    }

    @Override
    public boolean on() {
        return register != null;
    }

    @Override
    public Register register() {
        return Closing.on(register, describe());
    }

    @Override
    public String line() {
        return p.port();
    }

    @Override
    public SerialFaultPort serialLine() {
        if (serialLine == null) {
            throw new NotSupported(Capability.SERIAL_LINE, describe(), "it talks ZVT over TCP (ecrLink: tcp): there is "
                    + "no serial line to put a serial fault on; run serial scenarios against a serial terminal");
        }
        return serialLine;
    }

    @Override
    public void presentCard(CardProfile card, Long amountMinor) {
        CardPrompt.ask(p, p.port(), card, amountMinor, w.spec().clock(), w.evidence());
    }

    @Override
    public List<String> ownPaper() {
        return List.of();
    }

    @Override
    public String stateImage() {
        return "";
    }

    @Override
    public void close() {
        closeRegister();
    }
}
