package io.firstsettle.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * Whom a fault hits: requests carrying this terminal id (and, when given, merchant id), so two scenarios sharing one bank
 * never see each other's faults.
 *
 * @param terminalId      the TID (DE41) the host sends to the bank as {@code terminalId}
 * @param merchantId      optional MID; null = any merchant of that terminal
 * @param terminalTimeout the terminal's host timeout (lab time), the unit of bank-delay profiles
 */
public record FaultTarget(String terminalId, String merchantId, Duration terminalTimeout) {
    public static final Duration DEFAULT_TERMINAL_TIMEOUT = Duration.ofSeconds(30);

    public FaultTarget {
        Objects.requireNonNull(terminalId, "terminalId: a fault is always scoped to one terminal");
        terminalTimeout = terminalTimeout == null ? DEFAULT_TERMINAL_TIMEOUT : terminalTimeout;
    }

    public static FaultTarget terminal(String terminalId) {
        return new FaultTarget(terminalId, null, DEFAULT_TERMINAL_TIMEOUT);
    }
}
