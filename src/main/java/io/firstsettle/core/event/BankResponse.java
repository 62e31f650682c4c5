package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bank's answer as the host saw it ({@code host / bank-response}): path, outcome (ACCEPTED, APPROVED, DECLINED,
 * UNAVAILABLE, ERROR, LATE; written as "kind", stored as "kindField"), HTTP status (0: no answer) and detail.
 */
public record BankResponse(String path, String outcome, Integer status,
        String detail) implements EvidenceEvent.Payload {
    public static final String KIND = "bank-response";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "path", path);
        Fields.put(f, "kind", outcome);
        Fields.put(f, "status", status);
        Fields.put(f, "detail", detail);
        return f;
    }

    /** The host took the answer as done. */
    public boolean accepted() {
        return "ACCEPTED".equals(outcome);
    }

    static BankResponse read(Fields f) {
        return new BankResponse(f.required("path"), f.text("kindField"), f.integer("status"), f.text("detail"));
    }
}
