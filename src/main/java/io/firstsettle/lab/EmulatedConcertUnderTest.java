package io.firstsettle.lab;

import io.firstsettle.ecr.concert.ConcertLine;
import io.firstsettle.ecr.concert.ConcertLink;
import io.firstsettle.ecr.concert.ConcertRegister;
import io.firstsettle.ecr.concert.ConcertRegisterSettings;
import io.firstsettle.ecr.concert.ConcertTerminalSession;
import io.firstsettle.ecr.concert.EmulatedConcertTerminal;
import io.firstsettle.fault.SerialFaultPort;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.TerminalUnderTest;
import io.firstsettle.terminal.concert.ConcertRegisterAdapter;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The emulated Concert terminal on a fresh kernel pty pair: its protocol session on the master, the cash register on
 * the slave through jssc with the profile's line settings (7E1 by default). Today the emulated Concert terminal is
 * {@link EmulatedConcertTerminal}'s minimal one (approves every sale, no ISO 8583 side yet); the emulator's payment
 * engine takes its place behind the same facade.
 */
final class EmulatedConcertUnderTest implements TerminalUnderTest {
    private final TerminalWiring w;
    private PtyPair pty;
    private ConcertTerminalSession session;
    private SerialFaultPort serialLine;
    private ConcertRegisterAdapter register;

    EmulatedConcertUnderTest(TerminalWiring w) {
        this.w = w;
    }

    @Override
    public String describe() {
        return "emulated Concert terminal " + w.spec().terminal().terminalId();
    }

    @Override
    public String protocol() {
        return TerminalProfile.CONCERT;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> c = EnumSet.of(Capability.POWER, Capability.SERIAL_LINE);
        c.addAll(ConcertRegisterAdapter.capabilities(settings()));
        return c;
    }

    private ConcertRegisterSettings settings() {
        TerminalProfile p = w.spec().terminal();
        return p.concert().registerSettings(p.currency());
    }

    @Override
    public boolean emulated() {
        return true;
    }

    @Override
    public void start() {
        TerminalProfile p = w.spec().terminal();
        ConcertLine line = p.concert().concertLine();
        pty = PtyPair.open();
        ConcertLink terminalSide = new ConcertLink(pty.master(), p.concert().timings(), line.bit7(), w.evidence(),
                "terminal");
        session = new ConcertTerminalSession(terminalSide, EmulatedConcertTerminal.approvingAll(), w.evidence()).start();
        serialLine = new SerialFaultPort(JsscBytePort.open(pty.slavePath(), line.settings()), w.spec().clock(),
                w.evidence());
        ConcertLink ecrSide = new ConcertLink(serialLine, p.concert().timings(), line.bit7(), w.evidence(), "ecr");
        register = new ConcertRegisterAdapter(new ConcertRegister(ecrSide, w.spec().clock(), settings(), w.evidence()),
                ecrSide, pty.slavePath(), w.evidence());
    }

    @Override
    public void powerOn() {
        if (session != null) {
            throw new IllegalStateException("the terminal is already on");
        }
        start();
    }

    @Override
    public void powerOff() {
        Closing.all(w.evidence(), register, session, pty);
        register = null;
        session = null;
        pty = null;
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
        return pty == null ? null : pty.slavePath();
    }

    @Override
    public SerialFaultPort serialLine() {
        return serialLine;
    }

    @Override
    public void presentCard(CardProfile card, Long amountMinor) {
        // the minimal emulated Concert terminal reads no card: it answers with its fixed masked report
        w.evidence().record("cardholder", "card-presented", Map.of("card", card.name(), "pan", card.maskedPan(),
                "terminal", describe()));
    }

    @Override
    public List<String> ownPaper() {
        return List.of();
    }

    @Override
    public String stateImage() {
        return session == null ? "already off" : "answered " + session.answered();
    }

    @Override
    public void close() {
        powerOff();
    }
}
