package io.firstsettle.profile;

import io.firstsettle.ecr.concert.AnswerSize;
import io.firstsettle.ecr.concert.ConcertLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code protocol: zvt | concert} and the {@code concert:} settings of a terminal profile, errors with file:line:field. */
class TerminalProfileProtocolTest {
    static final Path CONCERT = Path.of("fixtures/terminals/emulated-concert.yaml");

    @Test
    void zvtIsTheDefaultAndConcertReadsItsLineAndRegisterSettings() {
        assertEquals("zvt", TerminalProfile.load(Path.of("fixtures/terminals/emulated-zvt.yaml")).protocol());
        TerminalProfile c = TerminalProfile.load(CONCERT);
        assertTrue(c.concertProtocol());
        assertEquals(ConcertLine.RS232_7E1, c.concert().concertLine());
        assertEquals("978", c.concert().registerSettings(c.currency()).currency());
        assertEquals(AnswerSize.FULL, c.concert().registerSettings(c.currency()).answerSize());
        assertTrue(c.concert().registerSettings(c.currency()).cancelType().isEmpty(), "E+ has no cancel by default");
        assertEquals(Duration.ofSeconds(120), c.concert().timings().answerAtEnd());
        assertEquals(List.of(), c.prepare(), "a Concert bench has no ZVT preparation steps");
    }

    @Test
    void anUnknownProtocolNamesFileLineAndField(@TempDir Path dir) throws Exception {
        List<String> good = Files.readAllLines(CONCERT);
        int line = good.indexOf("protocol: concert") + 1;
        assertTrue(line > 0);
        Path bad = dir.resolve("bad-protocol.yaml");
        Files.write(bad, good.stream().map(l -> l.equals("protocol: concert") ? "protocol: ccv" : l).toList());
        FixtureException e = assertThrows(FixtureException.class, () -> TerminalProfile.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ":" + line + ": field 'protocol': protocol must be 'zvt'"),
                e.getMessage());
    }

    @Test
    void aBadConcertSettingNamesTheFileTheConcertBlockAndWhatIsAllowed(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad-line.yaml");
        Files.write(bad, Files.readAllLines(CONCERT).stream().map(l -> l.equals("  line: 7E1") ? "  line: 7N1" : l)
                .toList());
        FixtureException e = assertThrows(FixtureException.class, () -> TerminalProfile.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ":") && e.getMessage().contains("field 'concert")
                && e.getMessage().contains("line must be '7E1'"), e.getMessage());
    }

    @Test
    void aConcertProfileRefusesZvtPreparationSteps(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(CONCERT));
        lines.add("prepare: [registration]");
        Path bad = dir.resolve("concert-prepare.yaml");
        Files.write(bad, lines);
        FixtureException e = assertThrows(FixtureException.class, () -> TerminalProfile.load(bad));
        assertTrue(e.getMessage().contains("prepare steps are ZVT commands"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "no stack talk: " + e.getMessage());
    }
}
