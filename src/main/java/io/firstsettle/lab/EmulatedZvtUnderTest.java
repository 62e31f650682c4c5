package io.firstsettle.lab;

import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.EmulatedTerminal;
import io.firstsettle.emulator.IsoTerminalClient;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.fault.SerialFaultPort;
import io.firstsettle.host.IsoPackagers;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.TerminalUnderTest;
import io.firstsettle.terminal.zvt.ZvtRegister;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The emulated ZVT terminal on a fresh kernel pty pair: {@link EmulatedTerminal} on the master (on the rig's
 * non-volatile state directory), the cash register on the slave through jssc, exactly as it opens /dev/ttyUSB0 on a
 * bench. Power off closes all three; power on starts them again on a new pair.
 */
final class EmulatedZvtUnderTest implements TerminalUnderTest {
    private final TerminalWiring w;
    private PtyPair pty;
    private EmulatedTerminal terminal;
    private SerialFaultPort serialLine;
    private ZvtRegister register;

    EmulatedZvtUnderTest(TerminalWiring w) {
        this.w = w;
    }

    @Override
    public String describe() {
        return "emulated ZVT terminal " + w.spec().terminal().terminalId();
    }

    @Override
    public String protocol() {
        return TerminalProfile.ZVT;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> c = EnumSet.of(Capability.POWER, Capability.SERIAL_LINE, Capability.SERIAL_POINTS);
        c.addAll(ZvtRegister.capabilities(w.spec().terminal()));
        return c;
    }

    @Override
    public boolean emulated() {
        return true;
    }

    @Override
    public void start() {
        LabClock clock = w.spec().clock();
        TerminalProfile p = w.spec().terminal();
        pty = PtyPair.open();
        LinkTimings timings = p.linkTimings(clock);
        IsoTerminalClient iso = new IsoTerminalClient("127.0.0.1", w.proxyPort(),
                IsoPackagers.load(w.spec().fixtures().resolve("iso8583").resolve("iso87binary.xml")), w.isoHeader(),
                clock, w.evidence());
        SerialZvtLink ptSide = new SerialZvtLink(pty.master(), timings, w.evidence(), "terminal")
                .deliverRepeats(w.defects().contains(Defect.REPEATED_FRAME_CHARGES_TWICE));
        terminal = new EmulatedTerminal(ptSide, p, iso, TerminalState.open(w.spec().stateDir()), clock, w.evidence(),
                w.defects()).start();
        BytePort ecrPort = JsscBytePort.open(pty.slavePath(),
                new SerialSettings(p.baud(), 8, p.stopBits(), SerialSettings.Parity.NONE));
        serialLine = new SerialFaultPort(ecrPort, clock, w.evidence());
        SerialZvtLink ecrSide = new SerialZvtLink(serialLine, timings, w.evidence(), "ecr");
        EcrClient ecr = new EcrClient(ecrSide, timings.t3(), Duration.ofMillis(Math.max(2000, timings.t4().toMillis())),
                clock, w.evidence()).tolerateUnknownBmps(p.tolerateUnknownBmps()).charset(Charset.forName(p.charset()));
        register = new ZvtRegister(ecr, ecrSide, p);
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

    /** The emulated terminal itself (tests and tools; steps go through the register and capabilities). */
    EmulatedTerminal emulator() {
        return terminal;
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
