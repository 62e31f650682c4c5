package io.firstsettle.lab;

import io.firstsettle.emulator.EmulatedDevice;
import io.firstsettle.emulator.IsoTerminalClient;
import io.firstsettle.fault.SerialFaultPort;
import io.firstsettle.host.IsoPackagers;
import io.firstsettle.port.PtyPair;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.TerminalUnderTest;

import java.util.List;

/**
 * An emulated terminal of any protocol on a fresh kernel pty pair: the device on the master, the cash register on the
 * slave through jssc, exactly as it opens /dev/ttyUSB0 on a bench. Power off closes all three; power on starts them
 * again on a new pair. A protocol says only how the two ends are wired ({@link #wire(PtyPair)}).
 */
abstract class EmulatedOnPty<D extends EmulatedDevice> implements TerminalUnderTest {
    /** What {@link #wire(PtyPair)} started: the device, the register's line (faults act on it) and its register. */
    record Wired<D>(D device, SerialFaultPort serialLine, Register register) {
    }

    protected final TerminalWiring w;
    private PtyPair pty;
    private Wired<D> wired;
    /** The register's line of the last power-on, kept while the terminal is off (as the field was before). */
    private SerialFaultPort serialLine;

    EmulatedOnPty(TerminalWiring w) {
        this.w = w;
    }

    /** Starts the device on {@code pty}'s master and opens the register on its slave. */
    protected abstract Wired<D> wire(PtyPair pty);

    /** The device's client to its acquirer, through the rig's link-fault proxy. */
    protected IsoTerminalClient isoClient() {
        return new IsoTerminalClient("127.0.0.1", w.proxyPort(),
                IsoPackagers.load(w.spec().fixtures().resolve("iso8583").resolve("iso87binary.xml")), w.isoHeader(),
                w.spec().clock(), w.evidence());
    }

    /** The device while it is on, else null. */
    protected D device() {
        return wired == null ? null : wired.device();
    }

    @Override
    public boolean emulated() {
        return true;
    }

    @Override
    public void start() {
        pty = PtyPair.open();
        try {
            wired = wire(pty);
        } catch (RuntimeException e) {
            // a half-wired terminal: closing the pair ends the device's link too
            Closing.all(w.evidence(), pty);
            pty = null;
            throw e;
        }
        serialLine = wired.serialLine();
    }

    @Override
    public void powerOn() {
        if (wired != null) {
            throw new IllegalStateException("the terminal is already on");
        }
        start();
    }

    @Override
    public void powerOff() {
        Closing.all(w.evidence(), wired == null ? null : wired.register(), device(), pty);
        wired = null;
        pty = null;
    }

    @Override
    public boolean on() {
        return wired != null;
    }

    @Override
    public Register register() {
        return Closing.on(wired == null ? null : wired.register(), describe());
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
        Closing.on(device(), describe()).presentCard(card);
    }

    @Override
    public List<String> ownPaper() {
        return device() == null ? List.of() : device().ownPaper();
    }

    @Override
    public String stateImage() {
        return device() == null ? "already off" : String.valueOf(device().state().image());
    }

    @Override
    public void close() {
        powerOff();
    }
}
