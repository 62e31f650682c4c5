package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bank's ledger holding a merchant's credit ({@code fault / credit-held}) or releasing it
 * ({@code fault / credit-hold-released}): the RRN, the merchant, why (a value date, a review) and the fault behind it.
 */
public record CreditHold(boolean released, String rrn, String merchantId, String terminalId, String reason,
                         String fault) implements EvidenceEvent.Payload {
    public static final String HELD = "credit-held";
    public static final String RELEASED = "credit-hold-released";

    @Override
    public String kind() {
        return released ? RELEASED : HELD;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "rrn", rrn);
        Fields.put(f, "merchantId", merchantId);
        Fields.put(f, "terminalId", terminalId);
        Fields.put(f, "reason", reason);
        Fields.put(f, "fault", fault);
        return f;
    }

    static CreditHold read(Fields f, boolean released) {
        return new CreditHold(released, f.text("rrn"), f.text("merchantId"), f.text("terminalId"), f.text("reason"),
                f.text("fault"));
    }
}
