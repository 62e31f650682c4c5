package io.firstsettle.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

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

/**
 * A recorded {@code events.jsonl}, read back in seq order. A run killed mid-write may leave its last line cut off:
 * that line is skipped and reported ({@link #truncatedTail()}); a broken line anywhere else is an error.
 *
 * @param events        every complete event, ordered by seq
 * @param truncatedTail the cut-off last line, or null when the file ends cleanly
 */
public record EventLog(Path file, List<Map<String, Object>> events, String truncatedTail) {
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
        List<Map<String, Object>> events = new ArrayList<>();
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
            try {
                events.add(JSON.readValue(line, MAP));
            } catch (JsonProcessingException e) {
                if (i == last) {
                    tail = line;
                } else {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": not a JSON event ("
                            + e.getOriginalMessage() + "); only the last line of a killed run may be cut off", e);
                }
            }
        }
        events.sort(Comparator.comparingLong(EventLog::seq));
        return new EventLog(file, events, tail);
    }

    public boolean truncated() {
        return truncatedTail != null;
    }

    public static long seq(Map<String, Object> e) {
        return e.get("seq") instanceof Number n ? n.longValue() : Long.MAX_VALUE;
    }

    public static String str(Map<String, Object> e, String key) {
        Object v = e.get(key);
        return v == null ? null : String.valueOf(v);
    }

    public static Instant labTime(Map<String, Object> e) {
        String t = str(e, "labTime");
        try {
            return t == null ? null : Instant.parse(t);
        } catch (java.time.format.DateTimeParseException ex) {
            return null;
        }
    }

    /** Lab time of the first event. */
    public Instant start() {
        return events.stream().map(EventLog::labTime).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** "+12.345 s" from the first event, in lab time. */
    public String offset(Map<String, Object> e) {
        Instant s = start();
        Instant t = labTime(e);
        if (s == null || t == null) {
            return "   ?      ";
        }
        Duration d = Duration.between(s, t);
        return String.format("+%8.3f s", d.toNanos() / 1e9);
    }

    public boolean is(Map<String, Object> e, String source, String kind) {
        return source.equals(e.get("source")) && kind.equals(e.get("kind"));
    }

    public boolean any(String source, String kind) {
        return events.stream().anyMatch(e -> is(e, source, kind));
    }

    /** ISO 8583 fields of an iso-in/iso-out event, whichever way the layer recorded them ("fields" map or "DEnn"). */
    @SuppressWarnings("unchecked")
    public static java.util.SortedMap<Integer, String> isoFields(Map<String, Object> e) {
        java.util.SortedMap<Integer, String> out = new java.util.TreeMap<>();
        if (e.get("fields") instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> f : ((Map<String, Object>) m).entrySet()) {
                if (f.getKey().chars().allMatch(Character::isDigit)) {
                    out.put(Integer.parseInt(f.getKey()), String.valueOf(f.getValue()));
                }
            }
        }
        for (Map.Entry<String, Object> f : e.entrySet()) {
            if (f.getKey().matches("DE[0-9]{1,3}")) {
                out.put(Integer.parseInt(f.getKey().substring(2)), String.valueOf(f.getValue()));
            }
        }
        return out;
    }
}
