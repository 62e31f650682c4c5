package io.firstsettle;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dependencies point down (design.md §4): a package may use only packages below it. {@code core} (lab clock, waits,
 * the event sink, card masking) is the cross-cutting floor every layer may use.
 */
class LayeringTest {
    private static final List<String> TOP_DOWN = List.of("cli", "store", "steps", "oracle", "lab", "evidence", "terminal",
            "emulator", "profile", "host", "bank", "fault", "ecr", "port", "core");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.firstsettle\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void everyImportPointsDown() throws IOException {
        Path root = Path.of("src/main/java/io/firstsettle");
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f).getName(0).toString();
                assertTrue(TOP_DOWN.contains(pkg), f + " is in package '" + pkg + "', which has no place in the layers");
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    checked++;
                    String dep = m.group(1);
                    if (TOP_DOWN.indexOf(dep) < TOP_DOWN.indexOf(pkg)) {
                        violations.add(f + " (" + pkg + ") imports " + dep + ", which is above it");
                    }
                }
            }
        }
        assertTrue(checked > 50, "the scan found only " + checked + " imports: is it looking at the right folder?");
        assertEquals(List.of(), violations);
    }

    @Test
    void protocolLayersDoNoIo() throws IOException {
        for (String pkg : List.of("ecr/zvt/codec", "ecr/zvt/message")) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/firstsettle", pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String src = Files.readString(f);
                    for (String banned : List.of("import java.io.InputStream", "import java.net.", "import jssc.",
                            "import io.firstsettle.port.", "Thread.sleep")) {
                        assertTrue(!src.contains(banned), f + " uses " + banned + ": codecs and messages are pure");
                    }
                }
            }
        }
    }
}
