package io.firstsettle.lab;

import io.firstsettle.ecr.concert.ConcertLine;
import io.firstsettle.ecr.concert.ConcertLink;
import io.firstsettle.ecr.concert.ConcertRegister;
import io.firstsettle.ecr.concert.ConcertRegisterSettings;
import io.firstsettle.emulator.IsoTerminalClient;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.emulator.concert.ConcertTerminal;
import io.firstsettle.host.IsoPackagers;
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
import java.util.Set;

/**
 * The emulated Concert terminal on a fresh kernel pty pair: its protocol session on the master, the cash register on
 * the slave through jssc with the profile's line settings (7E1 by default). The terminal is {@link ConcertTerminal}: the
 * same payment engine, ISO 8583 side, non-volatile state and defects as the emulated ZVT terminal. Concert E+ has no
 * end-of-day request, so the harness triggers the device's télécollecte ({@link HarnessEndOfDay}).
 */
final class EmulatedConcertUnderTest implements TerminalUnderTest {
    private final TerminalWiring w;
    private PtyPair pty;
    private ConcertTerminal terminal;
    private SerialFaultPort serialLine;
    private Register register;

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
        Set<Capability> c = EnumSet.of(Capability.POWER, Capability.SERIAL_LINE, Capability.END_OF_DAY);
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
        IsoTerminalClient iso = new IsoTerminalClient("127.0.0.1", w.proxyPort(),
                IsoPackagers.load(w.spec().fixtures().resolve("iso8583").resolve("iso87binary.xml")), w.isoHeader(),
                w.spec().clock(), w.evidence());
        terminal = new ConcertTerminal(terminalSide, p, iso, TerminalState.open(w.spec().stateDir()), w.spec().clock(),
                w.evidence(), w.defects()).start();
        serialLine = new SerialFaultPort(JsscBytePort.open(pty.slavePath(), line.settings()), w.spec().clock(),
                w.evidence());
        ConcertLink ecrSide = new ConcertLink(serialLine, p.concert().timings(), line.bit7(), w.evidence(), "ecr");
        ConcertTerminal device = terminal;
        register = new HarnessEndOfDay(new ConcertRegisterAdapter(new ConcertRegister(ecrSide, w.spec().clock(),
                settings(), w.evidence()), ecrSide, pty.slavePath(), w.evidence()), device::endOfDay);
    }

    @Override
    public void powerOn() {
        if (terminal != null) {
            throw new IllegalStateException("the terminal is already on");
        }
        start();
    }

    @Override
    public void powerOff() {
        Closing.all(w.evidence(), register, terminal, pty);
        register = null;
        terminal = null;
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
        Closing.on(terminal, describe()).presentCard(card);
    }

    @Override
    public List<String> ownPaper() {
        return terminal == null ? List.of() : terminal.ownPaper();
    }

    @Override
    public String stateImage() {
        return terminal == null ? "already off" : String.valueOf(terminal.state().image());
    }

    @Override
    public void close() {
        powerOff();
    }
}
