package io.firstsettle.lab;

import io.firstsettle.ecr.concert.ConcertLine;
import io.firstsettle.ecr.concert.ConcertLink;
import io.firstsettle.ecr.concert.ConcertRegister;
import io.firstsettle.ecr.concert.ConcertRegisterSettings;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.emulator.concert.ConcertTerminal;
import io.firstsettle.fault.SerialFaultPort;
import io.firstsettle.fault.SerialFraming;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.concert.ConcertRegisterAdapter;

import java.util.EnumSet;
import java.util.Set;

/**
 * The emulated Concert terminal on a fresh kernel pty pair: its protocol session on the master, the cash register on
 * the slave through jssc with the profile's line settings (7E1 by default). The terminal is {@link ConcertTerminal}: the
 * same payment engine, ISO 8583 side, non-volatile state and defects as the emulated ZVT terminal. Concert E+ has no
 * end-of-day request, so the harness triggers the device's télécollecte ({@link HarnessEndOfDay}).
 */
final class EmulatedConcertUnderTest extends EmulatedOnPty<ConcertTerminal> {

    EmulatedConcertUnderTest(TerminalWiring w) {
        super(w);
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
        // end-of-day and the status it leaves: the harness triggers the télécollecte and reads its report
        Set<Capability> c = EnumSet.of(Capability.POWER, Capability.SERIAL_LINE, Capability.SERIAL_POINTS,
                Capability.END_OF_DAY, Capability.STATUS);
        c.addAll(ConcertRegisterAdapter.capabilities(settings()));
        return c;
    }

    private ConcertRegisterSettings settings() {
        TerminalProfile p = w.spec().terminal();
        return p.concert().registerSettings(p.currency());
    }

    @Override
    protected Wired<ConcertTerminal> wire(PtyPair pty) {
        TerminalProfile p = w.spec().terminal();
        ConcertLine line = p.concert().concertLine();
        ConcertLink terminalSide = new ConcertLink(pty.master(), p.concert().timings(), line.bit7(), w.evidence(),
                "terminal");
        ConcertTerminal terminal = new ConcertTerminal(terminalSide, p, isoClient(), TerminalState.open(w.spec()
                .stateDir()), w.spec().clock(), w.evidence(), w.defects()).start();
        SerialFaultPort serialLine = new SerialFaultPort(JsscBytePort.open(pty.slavePath(), line.settings()),
                w.spec().clock(), w.evidence(), SerialFraming.CONCERT);
        ConcertLink ecrSide = new ConcertLink(serialLine, p.concert().timings(), line.bit7(), w.evidence(), "ecr");
        return new Wired<>(terminal, serialLine, new HarnessEndOfDay(new ConcertRegisterAdapter(new ConcertRegister(
                ecrSide, w.spec().clock(), settings(), w.evidence()), ecrSide, pty.slavePath(), w.evidence()),
                terminal::endOfDay, () -> !terminal.state().image().openBatch().isEmpty()));
    }
}
