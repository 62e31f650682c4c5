package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operation the register was asked for ({@code register / operation}, {@code terminal.RecordingRegister}),
 * protocol-neutral: LOGON, SALE, REFUND, REVERSAL, END_OF_DAY, STATUS; the amount when it has one.
 */
public record RegisterOperation(String operation, String protocol, Long amountMinor) implements EvidenceEvent.Payload {
    public static final String KIND = "operation";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "operation", operation);
        Fields.put(f, "protocol", protocol);
        Fields.put(f, "amountMinor", amountMinor);
        return f;
    }

    static RegisterOperation read(Fields f) {
        return new RegisterOperation(f.required("operation"), f.text("protocol"), f.number("amountMinor"));
    }
}
