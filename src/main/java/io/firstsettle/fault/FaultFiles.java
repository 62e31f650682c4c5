package io.firstsettle.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Loads {@code fixtures/faults/*.yaml} into validated {@link FaultProfile}s. Unknown fields are errors, and every error
 * names the file, the line and the field: {@code fixtures/faults/x.yaml:4: field 'stage': ...}.
 *
 * <p>Same contract as {@code profile.Fixtures}, written here because the profile layer sits above bank and host, which
 * apply faults; the loader also maps errors thrown by the records' own validation back to the field's line.
 */
public final class FaultFiles {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final ObjectMapper YAML = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .registerModule(new SimpleModule("lab-time")
                    .addDeserializer(Duration.class, new JsonDeserializer<>() {
                        @Override
                        public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            try {
                                return LabDurations.parse(p.getValueAsString());
                            } catch (IllegalArgumentException e) {
                                throw JsonMappingException.from(p, e.getMessage(), e);
                            }
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            try {
                                return Instant.parse(p.getValueAsString());
                            } catch (DateTimeParseException e) {
                                throw JsonMappingException.from(p, "\"" + p.getValueAsString() + "\" is not a lab "
                                        + "instant: write it as 2024-06-10T06:00:00Z", e);
                            }
                        }
                    }));

    private FaultFiles() {
    }

    /** The fault directory: {@code <-Dfirstsettle.fixtures or ./fixtures>/faults}. */
    public static Path defaultDir() {
        return Path.of(io.firstsettle.core.RunSettings.get("firstsettle.fixtures", "fixtures")).toAbsolutePath().resolve("faults");
    }

    /** Loads {@code dir/name.yaml}; an unknown name lists the known ones. */
    public static FaultProfile load(Path dir, String name) {
        Path f = dir.resolve(name + ".yaml");
        if (!Files.isRegularFile(f)) {
            throw new FaultFileException(f + ": no fault profile named '" + name + "'; known: " + names(dir), null);
        }
        return load(f);
    }

    /** Every profile in {@code dir}, by name. */
    public static Map<String, FaultProfile> loadAll(Path dir) {
        Map<String, FaultProfile> out = new TreeMap<>();
        for (String n : names(dir)) {
            out.put(n, load(dir.resolve(n + ".yaml")));
        }
        return out;
    }

    public static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new FaultFileException(dir + ": fault directory not found (set -Dfirstsettle.fixtures=DIR)", null);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new FaultFileException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    public static FaultProfile load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new FaultFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, Integer> lines;
        try {
            lines = fieldLines(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new FaultFileException(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FaultFileException(file + ": cannot read: " + e.getMessage(), e);
        }
        checkKnownFields(file, lines);
        FaultProfile p;
        try {
            p = YAML.readValue(text, FaultProfile.class);
        } catch (JsonMappingException e) {
            FaultFieldException ffe = fieldError(e);
            if (ffe != null) {
                throw new FaultFileException(file + ":" + lineOf(lines, ffe.field()) + ": " + ffe.getMessage(), e);
            }
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            int line = e.getLocation() == null ? lineOf(lines, field) : e.getLocation().getLineNr();
            throw new FaultFileException(file + ":" + line + ": field '" + (field.isEmpty() ? "(top level)" : field)
                    + "': " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new FaultFileException(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (p == null) {
            throw new FaultFileException(file + ":1: field '(top level)': the file is empty; start with name: and kind:",
                    null);
        }
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (!p.name().equals(stem)) {
            throw new FaultFileException(file + ":" + lineOf(lines, "name") + ": field 'name': \"" + p.name()
                    + "\" differs from the file name '" + stem + "': make them equal", null);
        }
        return p;
    }

    /** Field names each section accepts, from the records themselves. */
    private static final Map<String, Class<?>> SECTIONS = Map.of("", FaultProfile.class, "link", LinkFault.class,
            "link.trigger", LinkTrigger.class, "delay", BankDelay.class, "serial", SerialFault.class);

    /** Unknown fields first (a typo must never pass as a missing field), with their line. */
    private static void checkKnownFields(Path file, Map<String, Integer> lines) {
        lines.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            String path = e.getKey();
            int dot = path.lastIndexOf('.');
            String section = dot < 0 ? "" : path.substring(0, dot);
            String field = path.substring(dot + 1);
            Class<?> type = SECTIONS.get(section);
            if (type == null) {
                return;
            }
            List<String> known = Stream.of(type.getRecordComponents()).map(c -> c.getName()).toList();
            if (!known.contains(field)) {
                throw new FaultFileException(file + ":" + e.getValue() + ": field '" + path + "' is not known here: "
                        + "use one of " + known, null);
            }
        });
    }

    private static FaultFieldException fieldError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FaultFieldException f) {
                return f;
            }
        }
        return null;
    }

    /** The line of a dotted field path; for a missing field the line of its nearest present parent, else 1. */
    private static int lineOf(Map<String, Integer> lines, String field) {
        String f = field;
        while (!f.isEmpty()) {
            Integer l = lines.get(f);
            if (l != null) {
                return l;
            }
            int dot = f.lastIndexOf('.');
            f = dot < 0 ? "" : f.substring(0, dot);
        }
        return 1;
    }

    /** Dotted field path -> 1-based line of its key, read with the streaming parser. */
    private static Map<String, Integer> fieldLines(String text) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        String pending = null;
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> {
                        pending = p.currentName();
                        String full = path.isEmpty() ? pending : String.join(".", reversed(path)) + "." + pending;
                        out.put(full, p.currentTokenLocation().getLineNr());
                    }
                    case START_OBJECT, START_ARRAY -> {
                        if (pending != null) {
                            path.push(pending);
                        } else if (!path.isEmpty() || p.getParsingContext().getParent() != null
                                && !p.getParsingContext().getParent().inRoot()) {
                            path.push("[]");
                        }
                        pending = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        if (!path.isEmpty()) {
                            path.pop();
                        }
                    }
                    default -> pending = null;
                }
            }
        }
        return out;
    }

    private static List<String> reversed(Deque<String> d) {
        List<String> l = new java.util.ArrayList<>(d);
        java.util.Collections.reverse(l);
        return l;
    }
}
