package io.firstsettle.core.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One recorded event of a scenario's {@code events.jsonl}, read back typed: the envelope every event has (seq, lab
 * time, source, kind), the typed {@link Payload} of its kind ({@link EventKinds} says which kinds are typed; any other
 * kind is a {@link Generic}), and the details as recorded, in order (for the lines that show an event as a whole).
 *
 * @param seq     the recorder's number, 1 up; {@link Long#MAX_VALUE} for a hand-written line without one
 * @param labTime lab time of the event; null for a hand-written line without one
 * @param details every field but the envelope, as recorded (card data already masked)
 */
public record EvidenceEvent(long seq, Instant labTime, String source, String kind, Payload payload,
                            Map<String, Object> details) {

    /** What a layer records: its kind and its fields, the same map the JSON line carries. */
    public interface Payload {
        String kind();

        /** The recorded fields (without the envelope), in the order they are written. */
        Map<String, Object> fields();
    }

    public EvidenceEvent {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public boolean is(String source, String kind) {
        return this.source.equals(source) && this.kind.equals(kind);
    }

    /** The payload as {@code type} when the event is of that kind. */
    public <T extends Payload> Optional<T> as(Class<T> type) {
        return type.isInstance(payload) ? Optional.of(type.cast(payload)) : Optional.empty();
    }

    /** The first of the fields that say why (why, error, reason, after, stan, originalStan, fault, port), if any. */
    public Optional<String> explanation() {
        for (String k : java.util.List.of("why", "error", "reason", "after", "stan", "originalStan", "fault", "port")) {
            if (details.get(k) != null) {
                return Optional.of(String.valueOf(details.get(k)));
            }
        }
        return Optional.empty();
    }

    /** Whether the payload is a {@code type}. */
    public boolean isA(Class<? extends Payload> type) {
        return type.isInstance(payload);
    }
}
