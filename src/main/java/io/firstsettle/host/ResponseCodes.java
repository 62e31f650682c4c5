package io.firstsettle.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The host's DE39 table, loaded from {@code fixtures/host/response-codes.yaml} and validated at start: every
 * {@link Outcome} must be present with a 2-character code and an English and a Chinese text.
 */
public final class ResponseCodes {
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{2}");

    /** One row of the table. */
    public record Code(Outcome outcome, String de39, String en, String zh) {
    }

    /** The table file is missing or broken; the message names the file and the field. */
    public static final class ResponseCodesException extends RuntimeException {
        public ResponseCodesException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Map<Outcome, Code> codes;
    private final Path source;

    private ResponseCodes(Map<Outcome, Code> codes, Path source) {
        this.codes = codes;
        this.source = source;
    }

    public static ResponseCodes load(Path yaml) {
        Path abs = yaml.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new ResponseCodesException(abs + ": response-code table not found — pass the path of a file like "
                    + "fixtures/host/response-codes.yaml", null);
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(abs.toFile());
        } catch (IOException e) {
            throw new ResponseCodesException(abs + ": not valid YAML (" + e.getMessage() + ") — fix the syntax", e);
        }
        if (root == null || !root.path("outcomes").isObject()) {
            throw new ResponseCodesException(abs + ": field 'outcomes' is missing or not a map — the file must start with "
                    + "'outcomes:' followed by one entry per outcome", null);
        }
        JsonNode outcomes = root.get("outcomes");
        Map<Outcome, Code> codes = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            JsonNode row = outcomes.get(o.key());
            String where = "outcomes." + o.key();
            if (row == null || !row.isObject()) {
                throw new ResponseCodesException(abs + ": field '" + where + "' is missing — add "
                        + where + ": { code: \"..\", en: \"...\", zh: \"...\" }", null);
            }
            String code = text(abs, row, where, "code");
            if (!CODE.matcher(code).matches()) {
                throw new ResponseCodesException(abs + ": field '" + where + ".code' is \"" + code
                        + "\" — a DE39 code is exactly 2 characters, digits or capital letters (e.g. \"00\", \"A8\")", null);
            }
            codes.put(o, new Code(o, code, text(abs, row, where, "en"), text(abs, row, where, "zh")));
        }
        for (Iterator<String> it = outcomes.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            boolean known = false;
            for (Outcome o : Outcome.values()) {
                known |= o.key().equals(name);
            }
            if (!known) {
                throw new ResponseCodesException(abs + ": field 'outcomes." + name + "' is not a known outcome — "
                        + "use one of " + java.util.Arrays.stream(Outcome.values()).map(Outcome::key).toList(), null);
            }
        }
        return new ResponseCodes(codes, abs);
    }

    private static String text(Path file, JsonNode row, String where, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new ResponseCodesException(file + ": field '" + where + "." + field + "' is missing or empty — "
                    + "give it a " + (field.equals("code") ? "2-character DE39 code" : "text"), null);
        }
        return v.asText();
    }

    public Code of(Outcome outcome) {
        return codes.get(outcome);
    }

    public String de39(Outcome outcome) {
        return codes.get(outcome).de39();
    }

    /** The outcome a DE39 code stands for, if the table has it. */
    public Optional<Outcome> outcomeOf(String de39) {
        return codes.values().stream().filter(c -> c.de39().equals(de39)).map(Code::outcome).findFirst();
    }

    public Path source() {
        return source;
    }
}
