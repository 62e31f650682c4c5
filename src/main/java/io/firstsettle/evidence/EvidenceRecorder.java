package io.firstsettle.evidence;

import io.firstsettle.core.CardData;
import io.firstsettle.core.EventSink;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.firstsettle.core.LabClock;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One recorder per scenario: every typed event from every layer goes to {@code events.jsonl} in the scenario's
 * evidence folder, one JSON object per line, appended and flushed per event so a killed run leaves everything recorded
 * so far readable. Free text is masked again here as a guard ({@link CardData#maskText}). Closing it writes the
 * human views of the events next to them ({@link EvidenceReports}).
 */
public final class EvidenceRecorder implements EventSink, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private static final java.util.Set<String> RESERVED = java.util.Set.of("seq", "labTime", "source", "kind");

    private final Path dir;
    private final LabClock clock;
    private final OutputStream out;
    private final AtomicLong seq = new AtomicLong();
    private final List<Map<String, Object>> events = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    public EvidenceRecorder(Path dir, LabClock clock) {
        this.dir = dir;
        this.clock = clock;
        try {
            Files.createDirectories(dir);
            this.out = Files.newOutputStream(dir.resolve("events.jsonl"), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the evidence folder " + dir
                    + ": check that the report directory is writable and the disk is not full", e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void record(String source, String kind, Map<String, ?> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("seq", 0L);
        event.put("labTime", "");
        event.put("source", source);
        event.put("kind", kind);
        for (Map.Entry<String, ?> f : fields.entrySet()) {
            Object v = f.getValue();
            // a field named like an envelope key (a bank reply's "kind") must not overwrite the event's own
            String key = RESERVED.contains(f.getKey()) ? f.getKey() + "Field" : f.getKey();
            event.put(key, v instanceof String s ? CardData.maskText(s) : v);
        }
        synchronized (out) {
            // numbered and stamped under the lock so the file's order is the seq order
            event.put("seq", seq.incrementAndGet());
            event.put("labTime", clock.now().toString());
            events.add(event);
            if (closed) {
                return;
            }
            try {
                out.write(JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + dir.resolve("events.jsonl"), e);
            }
        }
    }

    /** A snapshot of every event recorded so far, in order. */
    public List<Map<String, Object>> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The events recorded so far, typed, read like the file ({@link EventLog#of}). */
    public EventLog log() {
        return EventLog.of(dir.resolve("events.jsonl"), events());
    }

    /** Writes a text file (trace, receipt) into the evidence folder, masked. */
    public Path writeText(String fileName, String text) {
        Path p = dir.resolve(fileName);
        try {
            Files.writeString(p, CardData.maskText(text), StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
    }

    @Override
    public void close() {
        synchronized (out) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        EvidenceReports.write(dir);
    }
}
