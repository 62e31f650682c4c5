package io.firstsettle.core;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The settings of one catalogue run (report folder, time scale, terminal profile, defects, fixtures): bound to the
 * thread that runs it and inherited by the threads it starts, so that several runs can go at once in one JVM (the
 * detection proof runs its defects in parallel). Outside a run, or for a key the run does not set, the system property
 * of the same name applies ({@code -Dfirstsettle.scale=...}).
 */
public final class RunSettings {
    private static final InheritableThreadLocal<Map<String, String>> CURRENT = new InheritableThreadLocal<>();

    private RunSettings() {
    }

    /** The run's value for {@code key}, else the system property, else {@code fallback}. */
    public static String get(String key, String fallback) {
        Map<String, String> m = CURRENT.get();
        String v = m == null ? null : m.get(key);
        return v != null ? v : System.getProperty(key, fallback);
    }

    /** Runs {@code body} with these settings on this thread (and the threads it starts), then restores the previous. */
    public static <T> T with(Map<String, String> settings, Callable<T> body) throws Exception {
        Map<String, String> previous = CURRENT.get();
        CURRENT.set(Map.copyOf(settings));
        try {
            return body.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
