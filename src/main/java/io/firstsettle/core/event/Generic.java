package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Any kind no reader interprets field by field (and any kind a newer or older harness recorded that this one does not
 * know): its fields as recorded, shown whole in the trace and the diagnosis.
 */
public record Generic(String kind, Map<String, Object> fields) implements EvidenceEvent.Payload {
    public Generic {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
