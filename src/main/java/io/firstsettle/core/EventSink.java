package io.firstsettle.core;

import java.util.Map;

/**
 * Where layers record typed evidence at their boundaries. Implementations append to the scenario's events.jsonl.
 * Callers mask card data before they call (see {@link CardData}); the recorder masks free text again as a guard.
 *
 * @see EvidenceRecorder
 */
@FunctionalInterface
public interface EventSink {
    /**
     * @param source the component: "ecr", "terminal", "host", "bank", "fault", "lab", "oracle"
     * @param kind   what happened: "serial-out", "serial-in", "iso-in", "iso-out", "bank-request", "verdict", ...
     * @param fields details; values are strings, numbers, booleans, lists or maps
     */
    void record(String source, String kind, Map<String, ?> fields);

    /**
     * Records a typed event: the same JSON line as {@code record(source, payload.kind(), payload.fields())}; readers
     * get it back as that payload ({@link io.firstsettle.core.event.EventKinds}).
     */
    default void record(String source, io.firstsettle.core.event.EvidenceEvent.Payload payload) {
        record(source, payload.kind(), payload.fields());
    }

    EventSink NONE = (source, kind, fields) -> { };
}
