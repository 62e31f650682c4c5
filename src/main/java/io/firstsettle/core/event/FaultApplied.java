package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fault the lab applied ({@code fault / applied}): its name, id, kind (written as "kind", stored as
 * "kindField"), stage and terminal; the other fields a fault records stay in the event's details.
 */
public record FaultApplied(String fault, String id, String faultKind, String stage,
        String terminalId) implements EvidenceEvent.Payload {
    public static final String KIND = "applied";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "fault", fault);
        Fields.put(f, "id", id);
        Fields.put(f, "kind", faultKind);
        Fields.put(f, "stage", stage);
        Fields.put(f, "terminalId", terminalId);
        return f;
    }

    static FaultApplied read(Fields f) {
        return new FaultApplied(f.required("fault"), f.text("id"), f.text("kindField"), f.text("stage"),
                f.text("terminalId"));
    }
}
