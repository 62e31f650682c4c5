package io.firstsettle.terminal;

import io.firstsettle.fault.SerialFaultPort;
import io.firstsettle.profile.CardProfile;

import java.util.List;
import java.util.Set;

/**
 * The device a scenario judges, emulated or physical, behind one interface: its line, its {@link Register}, and what
 * the harness can do to it ({@link #capabilities()}: power, a serial line to disturb, plus its register's). The rig
 * asks capabilities, never "is it emulated".
 *
 * <p>Lifecycle: {@link #start()} brings the line and the register up once (a physical terminal is on already);
 * {@link #powerOff()} and {@link #powerOn()} cut and restore power where {@link Capability#POWER} is there;
 * {@link #close()} ends everything.
 */
public interface TerminalUnderTest extends AutoCloseable {

    /** "emulated zvt terminal", "physical concert terminal on /dev/ttyUSB0": for messages. */
    String describe();

    /** The protocol its register speaks ("zvt", "concert"). */
    String protocol();

    /** What the harness can do with this terminal: its own (power, serial line) and its register's. */
    Set<Capability> capabilities();

    default boolean supports(Capability c) {
        return capabilities().contains(c);
    }

    /**
     * Whether the harness itself runs this terminal, so the emulator's own knobs apply (defects, the cardholder, what
     * it sent counted from its own evidence). Capabilities decide what a scenario may do; this only names the kind.
     */
    boolean emulated();

    /** Brings the terminal's line and the register up at rig start (an emulated terminal boots here). */
    void start();

    /**
     * Power comes back: the terminal boots on a fresh line, the register reopens it.
     *
     * @throws NotSupported without {@link Capability#POWER}
     */
    void powerOn();

    /**
     * The terminal loses power: its line and the register's end go away at once; only non-volatile state survives.
     *
     * @throws NotSupported without {@link Capability#POWER}
     */
    void powerOff();

    /** Whether the terminal is on (its register usable). */
    boolean on();

    /** The register on this terminal's line; fails while the terminal is off. */
    Register register();

    /** The line the register opened (a /dev/pts path in CI). */
    String line();

    /**
     * The register's end of the serial line, where serial faults act.
     *
     * @throws NotSupported when there is no serial line (ZVT over TCP)
     */
    SerialFaultPort serialLine();

    /** The cardholder presents {@code card} for {@code amountMinor} (null: unknown): emulated at once, else asked for. */
    void presentCard(CardProfile card, Long amountMinor);

    /** Receipt lines the terminal printed on its own paper (emulated terminals know; physical: none). */
    List<String> ownPaper();

    /** What the terminal's non-volatile state holds, for the evidence ("" when not known). */
    String stateImage();

    @Override
    void close();
}
