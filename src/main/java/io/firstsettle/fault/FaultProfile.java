package io.firstsettle.fault;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One named fault, as data ({@code fixtures/faults/NAME.yaml}, loaded by {@link FaultFiles}). Durations and instants are
 * lab time: a 30-minute window takes 18 s of real time at scale 0.01, and {@code LabClock.advance} moves through it.
 * Which fields a kind needs is checked here; a wrong one throws {@link FaultFieldException} naming the field.
 *
 * @param name         the profile's name, equal to the file name without .yaml
 * @param kind         what the fault does
 * @param description  one line for reports
 * @param stage        bank kinds: authorization, reversal, settlement or credit
 * @param window       how long the fault lasts from the moment it is applied; absent = until removed
 * @param retryAfter   bank-maintenance: the Retry-After the bank sends (default: the rest of the window)
 * @param until        bank-upgrade: credits are withheld until this lab instant
 * @param cycles       bank-upgrade / risk-hold: credits are withheld for this many later settlement cycles
 * @param reason       why a credit is pending, shown on the statement
 * @param outage       bank-outage: how the connection breaks
 * @param delay        bank-delay: how late the bank answers
 * @param responseCode bank-decline / host-maintenance: the DE39 code answered
 * @param calendar     settlement-calendar: T1 or D1
 * @param mode         host-maintenance: refuse or port-closed
 * @param link         link: the link fault
 * @param serial       serial: the serial-line fault
 */
public record FaultProfile(@JsonProperty(required = true) String name,
                           @JsonProperty(required = true) FaultKind kind,
                           String description,
                           Stage stage,
                           Duration window,
                           Duration retryAfter,
                           Instant until,
                           Integer cycles,
                           String reason,
                           OutageMode outage,
                           BankDelay delay,
                           String responseCode,
                           SettlementCalendar calendar,
                           HostMaintenanceMode mode,
                           LinkFault link,
                           SerialFault serial) {

    public FaultProfile {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            throw new FaultFieldException("name", "\"" + name + "\" must be words joined by '-', "
                    + "equal to the file name");
        }
        if (kind == null) {
            throw new FaultFieldException("kind", "is required");
        }
        if (window != null && (window.isNegative() || window.isZero())) {
            throw new FaultFieldException("window", "must be a positive lab duration such as 30m");
        }
        if (cycles != null && cycles < 1) {
            throw new FaultFieldException("cycles", cycles + " must be 1 or more");
        }
        switch (kind) {
            case BANK_MAINTENANCE -> {
                require(stage, "stage", "authorization, reversal, settlement or credit");
                require(window, "window", "a lab duration such as 30m (the bank recovers after it)");
                if (retryAfter != null && retryAfter.isNegative()) {
                    throw new FaultFieldException("retryAfter", "must not be negative");
                }
            }
            case BANK_UPGRADE -> {
                if (until == null && cycles == null && window == null) {
                    throw new FaultFieldException("until", "bank-upgrade needs until (a lab instant), window (from "
                            + "the settlement) or cycles (settlement cycles)");
                }
                stage = stage == null ? Stage.CREDIT : stage;
                onlyCredit(stage);
                reason = reason == null ? "bank system upgrade" : reason;
            }
            case BANK_OUTAGE -> {
                require(stage, "stage", "authorization, reversal, settlement or credit");
                require(outage, "outage", "reset, empty, garbage or malformed-chunk");
            }
            case BANK_DELAY -> {
                require(stage, "stage", "authorization, reversal, settlement or credit");
                require(delay, "delay", "{ distribution: fixed, relativeToTerminalTimeout: 1.5 }");
            }
            case BANK_DECLINE -> {
                stage = stage == null ? Stage.AUTHORIZATION : stage;
                if (stage != Stage.AUTHORIZATION) {
                    throw new FaultFieldException("stage", "bank-decline happens at authorization only");
                }
                code(responseCode);
            }
            case RISK_HOLD -> {
                require(cycles, "cycles", "1 (released by the next settlement cycle)");
                stage = stage == null ? Stage.CREDIT : stage;
                onlyCredit(stage);
                reason = reason == null ? "risk review" : reason;
            }
            case SETTLEMENT_CALENDAR -> {
                require(calendar, "calendar", "T1 or D1");
                stage = stage == null ? Stage.CREDIT : stage;
                onlyCredit(stage);
            }
            case HOST_MAINTENANCE -> {
                require(mode, "mode", "refuse or port-closed");
                if (mode == HostMaintenanceMode.REFUSE) {
                    code(responseCode);
                }
            }
            case LINK -> require(link, "link", "{ action: drop, point: request-delivered }");
            case SERIAL -> require(serial, "serial", "{ action: cut, point: after-status-information, lasting: 60s }");
        }
        if (kind != FaultKind.SERIAL && serial != null) {
            throw new FaultFieldException("serial", "only kind 'serial' takes a serial section");
        }
        if (kind != FaultKind.LINK && link != null) {
            throw new FaultFieldException("link", "only kind 'link' takes a link section");
        }
        if (kind != FaultKind.BANK_DELAY && delay != null) {
            throw new FaultFieldException("delay", "only kind 'bank-delay' takes a delay (link delays go in link.delay)");
        }
    }

    private static void require(Object v, String field, String example) {
        if (v == null) {
            throw new FaultFieldException(field, "is required for this kind, e.g. " + example);
        }
    }

    private static void onlyCredit(Stage s) {
        if (s != Stage.CREDIT) {
            throw new FaultFieldException("stage", "this kind acts on credits: leave stage out or write 'credit'");
        }
    }

    private static void code(String c) {
        if (c == null || !c.matches("[0-9A-Z]{2}")) {
            throw new FaultFieldException("responseCode", "\"" + c + "\" is not a 2-character DE39 code such as \"51\"");
        }
    }

    /** A profile in code (tests, the Rig): the same validation as from a file. */
    public static FaultProfile link(String name, LinkFault link) {
        return new FaultProfile(name, FaultKind.LINK, null, null, null, null, null, null, null, null, null, null, null,
                null, link, null);
    }

    /** A serial-line profile in code (tests): the same validation as from a file. */
    public static FaultProfile serial(String name, SerialFault serial) {
        return new FaultProfile(name, FaultKind.SERIAL, null, null, null, null, null, null, null, null, null, null, null,
                null, null, serial);
    }
}
