package io.firstsettle.lab;

import io.firstsettle.core.event.Generic;
import io.firstsettle.core.EventSink;

import java.util.Map;

/** Closing a terminal's parts in order, each failure recorded and the rest still closed. */
final class Closing {
    private Closing() {
    }

    static void all(EventSink evidence, AutoCloseable... parts) {
        for (AutoCloseable c : parts) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                evidence.record("lab", new Generic("stop-failed", Map.of("component", c.getClass().getSimpleName(),
                        "error", String.valueOf(e))));
            }
        }
    }

    /** {@code part}, or a lab fault saying the terminal is off. */
    static <T> T on(T part, String terminal) {
        if (part == null) {
            throw new LabFault("the " + terminal + " is off (power it on first)");
        }
        return part;
    }
}
