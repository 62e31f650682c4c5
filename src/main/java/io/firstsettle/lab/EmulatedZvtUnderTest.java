package io.firstsettle.lab;

import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.EmulatedTerminal;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.fault.SerialFaultPort;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.zvt.ZvtRegister;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * The emulated ZVT terminal on a fresh kernel pty pair: {@link EmulatedTerminal} on the master (on the rig's
 * non-volatile state directory), the cash register ({@link EcrClient} behind {@link ZvtRegister}) on the slave.
 */
final class EmulatedZvtUnderTest extends EmulatedOnPty<EmulatedTerminal> {

    EmulatedZvtUnderTest(TerminalWiring w) {
        super(w);
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
    protected Wired<EmulatedTerminal> wire(PtyPair pty) {
        LabClock clock = w.spec().clock();
        TerminalProfile p = w.spec().terminal();
        LinkTimings timings = p.linkTimings(clock);
        SerialZvtLink ptSide = new SerialZvtLink(pty.master(), timings, w.evidence(), "terminal")
                .deliverRepeats(w.defects().contains(Defect.REPEATED_FRAME_CHARGES_TWICE));
        EmulatedTerminal terminal = new EmulatedTerminal(ptSide, p, isoClient(), TerminalState.open(w.spec().stateDir()),
                clock, w.evidence(), w.defects()).start();
        BytePort ecrPort = JsscBytePort.open(pty.slavePath(),
                new SerialSettings(p.baud(), 8, p.stopBits(), SerialSettings.Parity.NONE));
        SerialFaultPort serialLine = new SerialFaultPort(ecrPort, clock, w.evidence());
        SerialZvtLink ecrSide = new SerialZvtLink(serialLine, timings, w.evidence(), "ecr");
        EcrClient ecr = new EcrClient(ecrSide, timings.t3(), Duration.ofMillis(Math.max(2000, timings.t4().toMillis())),
                clock, w.evidence()).tolerateUnknownBmps(p.tolerateUnknownBmps()).charset(Charset.forName(p.charset()));
        return new Wired<>(terminal, serialLine, new ZvtRegister(ecr, ecrSide, p));
    }

    /** The emulated terminal itself (tests and tools; steps go through the register and capabilities). */
    EmulatedTerminal emulator() {
        return device();
    }
}
