package io.firstsettle.terminal;

import java.util.Locale;
import java.util.Optional;

/**
 * What a terminal under test, its protocol and its register can do. A scenario states what it needs with a tag
 * {@code @needs-<name>} ({@code @needs-logon}, {@code @needs-end-of-day}, ...); against a terminal that lacks it the
 * scenario is skipped with the reason, never judged.
 */
public enum Capability {
    /** Registration / log-on from the register (ZVT 06 00; Concert E+ has none). */
    LOGON("the register logs the terminal on"),
    SALE("a sale"),
    REFUND("a refund"),
    /** Reversal (cancel) of an earlier sale from the register. */
    REVERSAL("a reversal of an earlier sale"),
    /** The cashier aborts a running sale from the register (ZVT 06 B0). */
    ABORT("an abort from the register while a sale runs"),
    /** End-of-day (closing the batch) started by the register or the harness. */
    END_OF_DAY("closing the day"),
    /** A status enquiry that says whether a batch is open. */
    STATUS("a status enquiry"),
    /** Receipt lines sent to the register over the line, and a register that can ignore them. */
    PRINT_LINES("receipt lines printed through the register"),
    /** The terminal's answer carries the host's response code. */
    HOST_CODES("the host's response code in the terminal's answer"),
    /** The harness can cut and restore the terminal's power. */
    POWER("power control"),
    /** A serial line between register and terminal that serial faults can act on. */
    SERIAL_LINE("a serial line the harness can disturb"),
    /**
     * Serial faults that start at a named moment of the exchange (the sale command, the result, print lines,
     * end-of-day): the serial fault engine follows the line's protocol (ZVT or Concert E+). A moment the protocol does
     * not have (Concert: print lines) is refused with the reason, per fault.
     */
    SERIAL_POINTS("serial faults at named moments of the exchange"),
    /**
     * The terminal hands its result over with a handshake the register can refuse (Concert E+: the terminal's ENQ
     * before its answer); ZVT sends its result at once and has none.
     */
    RESULT_HANDOVER("a result handover the register can refuse");

    private final String words;

    Capability(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** The tag a scenario states this need with: {@code @needs-end-of-day}. */
    public String tag() {
        return "@needs-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The capability a {@code @needs-...} tag names, if it is one. */
    public static Optional<Capability> ofTag(String tag) {
        for (Capability c : values()) {
            if (c.tag().equals(tag)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
