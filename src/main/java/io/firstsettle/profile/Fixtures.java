package io.firstsettle.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads YAML fixtures into validated records. Unknown fields are errors (a typo in a profile must not be silently
 * ignored), and every error names the file, the line and the field.
 */
public final class Fixtures {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // a field left out takes the record's default
            .findAndRegisterModules();

    private Fixtures() {
    }

    /** The fixtures directory: -Dfirstsettle.fixtures, else ./fixtures. */
    public static Path root() {
        return Path.of(io.firstsettle.core.RunSettings.get("firstsettle.fixtures", "fixtures")).toAbsolutePath();
    }

    public static <T> T load(Path file, Class<T> type) {
        if (!Files.isRegularFile(file)) {
            throw new FixtureException(file + ": fixture file not found; the fixtures directory is " + root()
                    + " (set -Dfirstsettle.fixtures=DIR to point elsewhere)");
        }
        try {
            T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw new FixtureException(file + ":1: field '(top level)': the file is empty; start it with name: and "
                        + "the fields of fixtures/" + (type == TerminalProfile.class ? "terminals" : "cards")
                        + "/*.yaml");
            }
            return value;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            Throwable root = e.getCause() != null ? e.getCause() : e;
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            if (root instanceof IllegalArgumentException && field.isEmpty() && why != null) {
                // a record's own check names its field first ("terminalId must be ..."): point at that field's line
                String named = why.split("[ :]", 2)[0];
                if (type.isRecord() && Stream.of(type.getRecordComponents()).anyMatch(c -> c.getName().equals(named))) {
                    field = named;
                    line = FieldLines.lineOf(file, named);
                }
            }
            throw new FixtureException(file + ":" + line + ": field '" + (field.isEmpty() ? "(top level)" : field)
                    + "': " + why, e);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new FixtureException(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FixtureException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
