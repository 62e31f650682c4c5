package io.firstsettle.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * Whom a fault hits: requests carrying this terminal id (and, when given, merchant id), so two scenarios sharing one bank
 * never see each other's faults; or, for a bank fake run alone, every terminal ({@link #everyTerminal()}).
 *
 * @param terminalId      the TID (DE41) the host sends to the bank as {@code terminalId}
 * @param merchantId      optional MID; null = any merchant of that terminal
 * @param terminalTimeout the terminal's host timeout (lab time), the unit of bank-delay profiles
 */
public record FaultTarget(String terminalId, String merchantId, Duration terminalTimeout) {
    public static final Duration DEFAULT_TERMINAL_TIMEOUT = Duration.ofSeconds(30);
    /** The terminal id of a target that is every terminal of the bank ({@link #everyTerminal()}). */
    public static final String EVERY_TERMINAL = "*";

    public FaultTarget {
        Objects.requireNonNull(terminalId, "terminalId: a fault is always scoped to one terminal");
        terminalTimeout = terminalTimeout == null ? DEFAULT_TERMINAL_TIMEOUT : terminalTimeout;
    }

    public static FaultTarget terminal(String terminalId) {
        return new FaultTarget(terminalId, null, DEFAULT_TERMINAL_TIMEOUT);
    }

    /**
     * Every terminal of the bank: a bank fake run on its own ({@code firstsettle bank --fault NAME}) is in maintenance
     * for everyone. Never used by a scenario's rig, whose faults stay with its own terminal.
     */
    public static FaultTarget everyTerminal() {
        return new FaultTarget(EVERY_TERMINAL, null, DEFAULT_TERMINAL_TIMEOUT);
    }

    /** Whether this target is every terminal. */
    public boolean allTerminals() {
        return EVERY_TERMINAL.equals(terminalId);
    }

    /** Whether a request from this terminal (and merchant) is hit. */
    public boolean hits(String tid, String mid) {
        return (allTerminals() || terminalId.equals(tid)) && (merchantId == null || merchantId.equals(mid));
    }
}
