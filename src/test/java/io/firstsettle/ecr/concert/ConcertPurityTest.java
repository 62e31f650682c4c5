package io.firstsettle.ecr.concert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Concert codec and messages are pure (design.md §4: protocol code is tested with bytes alone): only the link,
 * which owns a {@code BytePort}, and the files that use it may touch the port layer. No class over 400 lines.
 */
class ConcertPurityTest {
    static final Path DIR = Path.of("src/main/java/io/firstsettle/ecr/concert");
    static final List<String> MAY_DO_IO = List.of("ConcertLink.java", "ConcertLine.java");

    @Test
    void onlyTheLinkTouchesThePortLayerAndNothingSleeps() throws IOException {
        List<String> bad = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String src = Files.readString(f);
                String name = f.getFileName().toString();
                for (String banned : List.of("import jssc.", "import java.net.", "import java.io.InputStream",
                        "Thread.sleep")) {
                    if (src.contains(banned)) {
                        bad.add(name + " uses " + banned);
                    }
                }
                if (!MAY_DO_IO.contains(name) && src.contains("import io.firstsettle.port.")) {
                    bad.add(name + " imports the port layer; only the link may");
                }
                long lines = src.lines().count();
                if (lines > 400) {
                    bad.add(name + " has " + lines + " lines (limit 400)");
                }
            }
        }
        assertTrue(files >= 15, "found only " + files + " files in " + DIR);
        assertEquals(List.of(), bad);
    }
}
