package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cashier pressed abort ({@code operator / abort-pressed}), and when.
 */
public record AbortPressed(String when) implements EvidenceEvent.Payload {
    public static final String KIND = "abort-pressed";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "when", when);
        return f;
    }

    static AbortPressed read(Fields f) {
        return new AbortPressed(f.text("when"));
    }
}
