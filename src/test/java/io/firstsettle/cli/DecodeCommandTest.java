package io.firstsettle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code firstsettle decode zvt} run in-process through picocli, as the lab runs it. */
class DecodeCommandTest {
    record Run(int exit, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void aGoodTraceExitsZeroAndNamesEveryCommandAndBmp() {
        String auth = io.firstsettle.core.Hex.format(io.firstsettle.ecr.zvt.codec.ZvtSerialFrame.encode(
                io.firstsettle.core.Hex.parse("06 01 0A 04 00 00 00 00 12 34 49 09 78")));
        Run r = run("decode", "zvt", auth, "06", "10 02 80 00 00 10 03 F5 1F", "06");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("06 01 Authorization"), r.out());
        assertTrue(r.out().contains("amount"), r.out());
        assertTrue(r.out().contains("currency code"), r.out());
        assertTrue(r.out().contains("80 00 Positive ack"), r.out());
        assertTrue(r.out().contains("CRC good (F5 1F)"), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.endsWith(" ACK")).count(), r.out());
    }

    @Test
    void aBadCrcExitsOneAndSaysExpectedAndActual() {
        Run r = run("decode", "zvt", "10 02 80 00 00 10 03 F5 1E");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("CRC bad"), r.out());
        assertTrue(r.out().contains("expected F5 1F, received F5 1E"), r.out());
    }

    @Test
    void aTraceFileWithCommentsDecodesLikeTheSameHexOnTheCommandLine(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.txt");
        Files.writeString(trace, "# captured on bench 3\n10 02 06 0F 00 10 03 C6 33  # completion\n06\n");
        Run fromFile = run("decode", "zvt", "--file", trace.toString());
        Run fromArgs = run("decode", "zvt", "10 02 06 0F 00 10 03 C6 33 06");
        assertEquals(0, fromFile.exit(), fromFile.out() + fromFile.err());
        assertEquals(fromArgs.out(), fromFile.out());
        assertTrue(fromFile.out().contains("06 0F Completion"), fromFile.out());
    }

    @Test
    void aMissingTraceFileExitsTwoNamingIt(@TempDir Path dir) {
        Run r = run("decode", "zvt", "--file", dir.resolve("nope.txt").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nope.txt: cannot read the trace file"), r.err());
    }

    @Test
    void bareTcpApdusDecodeWithTheApduFlag() {
        Run r = run("decode", "zvt", "--apdu", "80 00 00 04 FF 01 17");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("04 FF Intermediate Status"), r.out());
    }
}
