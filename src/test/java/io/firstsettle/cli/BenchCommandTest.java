package io.firstsettle.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped benchmark runs end to end and prints its ratios (small counts: this is not a timing test). */
class BenchCommandTest {
    @Test
    void printsItsRatios() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Main()).execute("bench", "--rounds", "1", "--frames", "2000", "--round-trips", "50",
                    "--host-millis", "100", "--fleet", "0", "--idle-seconds", "1");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        for (String row : new String[] {"host ", "framing ", "serial ", "rig ", "memory "}) {
            assertTrue(Pattern.compile("(?m)^" + row + ".*ratio [0-9.]+x").matcher(out).find(), "no " + row + "row in:\n" + out);
        }
        assertTrue(Pattern.compile("(?m)^  register side, jssc on a pty slave: [0-9.]+ % of a core").matcher(out).find(),
                "no idle-port figure in:\n" + out);
    }
}
