package io.firstsettle.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Where a top-level field of a YAML fixture sits, for error messages of the form {@code file:line: field 'x'}. */
final class FieldLines {
    private FieldLines() {
    }

    /** The 1-based line of {@code field:} at the top level, or the line after the last one when the field is missing. */
    static int lineOf(Path file, String field) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return -1;
        }
        Pattern p = Pattern.compile("^" + Pattern.quote(field) + "\\s*:");
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return lines.size() + 1;
    }
}
