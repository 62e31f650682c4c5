package io.firstsettle.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstsettle.core.event.EventFieldException;
import io.firstsettle.core.event.EventKinds;
import io.firstsettle.core.event.EvidenceEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A recorded {@code events.jsonl}, read back typed ({@link EvidenceEvent}, payloads by {@link EventKinds}) in seq
 * order: the one place evidence is parsed; the oracle and the reports read the typed events. A run killed mid-write
 * may leave its last line cut off: that line is skipped and reported ({@link #truncatedTail()}); a broken line
 * anywhere else, or a line whose fields do not fit its kind, is an error naming file:line and what is wrong.
 *
 * @param events        every complete event, ordered by seq
 * @param truncatedTail the cut-off last line, or null when the file ends cleanly
 */
public record EventLog(Path file, List<EvidenceEvent> events, String truncatedTail) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public EventLog {
        events = List.copyOf(events);
    }

    /** Reads {@code events.jsonl} from an evidence folder or the file itself. */
    public static EventLog read(Path dirOrFile) {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve("events.jsonl") : dirOrFile;
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file + ": no readable events.jsonl here; give an evidence folder "
                    + "(reports/run-<ts>/evidence/<scenario>) or the events.jsonl itself");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(file, lines);
    }

    /** Parses the lines of an events.jsonl (named {@code file} in messages). */
    public static EventLog parse(Path file, List<String> lines) {
        List<EvidenceEvent> events = new ArrayList<>();
        String tail = null;
        int last = lines.size() - 1;
        while (last >= 0 && lines.get(last).isBlank()) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> map;
            try {
                map = JSON.readValue(line, MAP);
            } catch (JsonProcessingException e) {
                if (i == last) {
                    tail = line;
                    continue;
                }
                throw new IllegalStateException(file + ":" + (i + 1) + ": not a JSON event ("
                        + e.getOriginalMessage() + "); only the last line of a killed run may be cut off", e);
            }
            try {
                events.add(EventKinds.read(map));
            } catch (EventFieldException e) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": " + e.getMessage()
                        + "; fix or remove that line (the evidence of the run is otherwise kept)", e);
            }
        }
        events.sort(Comparator.comparingLong(EvidenceEvent::seq));
        return new EventLog(file, events, tail);
    }

    /** The events a recorder holds in memory (the same maps it wrote to {@code file}), read like the file. */
    public static EventLog of(Path file, List<Map<String, Object>> recorded) {
        List<EvidenceEvent> events = new ArrayList<>();
        for (Map<String, Object> m : recorded) {
            try {
                events.add(EventKinds.read(m));
            } catch (EventFieldException e) {
                throw new IllegalStateException(file + ": event #" + m.get("seq") + " (" + m.get("source") + " "
                        + m.get("kind") + "): " + e.getMessage()
                        + "; the layer that recorded it wrote a wrong field", e);
            }
        }
        return new EventLog(file, events, null);
    }

    public boolean truncated() {
        return truncatedTail != null;
    }

    /** Lab time of the first event. */
    public Instant start() {
        return events.stream().map(EvidenceEvent::labTime).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** "+12.345 s" from the first event, in lab time. */
    public String offset(EvidenceEvent e) {
        Instant s = start();
        Instant t = e.labTime();
        if (s == null || t == null) {
            return "   ?      ";
        }
        Duration d = Duration.between(s, t);
        return String.format("+%8.3f s", d.toNanos() / 1e9);
    }

    public boolean any(String source, String kind) {
        return events.stream().anyMatch(e -> e.is(source, kind));
    }

    /** The payloads of one type, in seq order. */
    public <T extends EvidenceEvent.Payload> List<T> all(Class<T> type) {
        return events.stream().filter(e -> e.isA(type)).map(e -> type.cast(e.payload())).toList();
    }
}
