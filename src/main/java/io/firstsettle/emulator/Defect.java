package io.firstsettle.emulator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Real firmware bugs the emulated terminal reproduces on demand ({@code firstsettle emulate --defect NAME}). A terminal
 * with none of them behaves like a correct device; each one changes exactly the behaviour its description names.
 */
public enum Defect {
    NO_REVERSAL_ON_TIMEOUT("never sends a 0400 when the host does not answer the 0200 in time"),
    REVERSAL_NOT_PERSISTED("keeps the stored reversal in RAM only, so a restart loses it"),
    REVERSAL_NOT_RETRIED("sends a reversal once and forgets it when the host does not acknowledge it"),
    APPROVED_ON_TIMEOUT("reports approved (result 00) to the register when the host never answered"),
    IGNORES_DECLINE("reports approved and prints APPROVED when the host declines with 91 or 96"),
    DOUBLE_SUBMIT("resends the sale as a new 0200 after a host timeout instead of reversing it"),
    SKIPS_SIGN_ON("sends financial messages without signing on (0800) first"),
    SETTLEMENT_OMITS_FIRST("End-of-Day 0500 counts and totals leave out the first sale of the batch"),
    OPEN_BATCH_SILENT("reports End-of-Day success to the register although the settlement failed"),
    ACCEPTS_LATE_RESPONSE("keeps waiting past the host timeout and turns a late 0210 into a success"),
    AMOUNT_SCALE_ERROR("sends the amount to the host 100 times too large (minor units taken as major units)"),
    STAN_REUSED_AFTER_RESTART("keeps the STAN counter in RAM, so after a restart it reuses STANs"),
    NO_AUTO_REVERSAL_ON_UNACKED_RESULT("keeps a payment the register never acknowledged (no [ZVT-SPEC] 2.2.8 reversal)"),
    MAINTENANCE_MISREPORTED("reports a generic system error (FF) instead of the bank-unavailable or no-connection reason"),
    REPEATED_FRAME_CHARGES_TWICE("takes the register's repeat of a sale frame (sent again after a lost ACK) for a new "
            + "sale and charges the card twice");

    private final String description;

    Defect(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Parses a defect name case-insensitively ("double-submit" or "DOUBLE_SUBMIT"), naming the valid ones when wrong. */
    public static Defect parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Defect d : values()) {
            if (d.name().equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown defect '" + name + "'; known: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
