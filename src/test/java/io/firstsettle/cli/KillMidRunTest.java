package io.firstsettle.cli;

import io.firstsettle.evidence.EventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code firstsettle run} as a real subprocess, killed with SIGKILL halfway through its scenario: the events written so
 * far stay readable, and the next run into the same report folder is refused, leaving the killed run's evidence as it
 * is (a report folder holds one run; see {@link ReportFolder} for the default one).
 */
class KillMidRunTest {
    @TempDir
    Path report;

    @Test
    void sigkillHalfwayLeavesReadableEvidenceAndTheNextRunIntoItsFolderIsRefused() throws Exception {
        Process first = run();
        Path events;
        try {
            // halfway: the sale is under way (ISO 0200 recorded) but the day is not closed yet
            events = await("the killed run gets halfway (a 0200 recorded)").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20)).until(() -> eventsFile(), p -> p != null && contains(p, "\"0200\""));
        } finally {
            first.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
        }
        assertTrue(first.waitFor(10, TimeUnit.SECONDS), "the killed run exits");
        assertEquals(137, first.exitValue(), "killed by SIGKILL (128 + 9)");

        List<String> lines = Files.readAllLines(events);
        EventLog log = EventLog.read(events);
        int complete = log.events().size();
        assertTrue(complete >= 20, "the events up to the kill are there: " + complete);
        assertEquals(lines.size() - (log.truncated() ? 1 : 0), complete, "every line but a cut-off last one is valid");
        assertFalse(contains(events, "\"kind\":\"verdict\""), "killed before the verdict");
        Path dir = events.getParent();
        assertFalse(Files.exists(dir.resolve("timeline.svg")), "no reports: the recorder was never closed");
        Process diagnose = new ProcessBuilder(java("diagnose", dir.toString())).redirectErrorStream(true).start();
        String text = new String(diagnose.getInputStream().readAllBytes());
        assertTrue(diagnose.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, diagnose.exitValue(), "evidence without a verdict is no diagnosis: " + text);
        assertTrue(text.contains("no verdict: the scenario did not finish"), text);

        // a report folder holds one run: the next run into it is refused before it touches anything, so the killed
        // run's evidence is kept as it is and never ends up in another run's manifest.sha256
        byte[] killed = Files.readAllBytes(events);
        Process second = run();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the next run into the used folder answers");
        String refusal = Files.readString(report.resolveSibling(report.getFileName() + ".log"));
        assertEquals(2, second.exitValue(), "a used report folder is bad input: " + refusal);
        assertTrue(refusal.contains("--report " + report) && refusal.contains("a report folder holds one run"), refusal);
        assertEquals(new String(killed), Files.readString(events), "the killed run's evidence is untouched");
        assertFalse(Files.exists(report.resolve("manifest.sha256")), "no manifest over the killed run's evidence");
        assertFalse(Files.exists(report.resolve("summary.json")));
    }

    private Process run() throws IOException {
        return new ProcessBuilder(java("run", "--report", report.toString(), "features"))
                .redirectErrorStream(true).redirectOutput(report.resolveSibling(report.getFileName() + ".log").toFile())
                .start();
    }

    private static List<String> java(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-Dfirstsettle.home="
                + Path.of("").toAbsolutePath(), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Path eventsFile() throws IOException {
        Path ev = report.resolve("evidence");
        if (!Files.isDirectory(ev)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(ev)) {
            return s.filter(p -> p.getFileName().toString().equals("events.jsonl")).findFirst().orElse(null);
        }
    }

    private static boolean contains(Path p, String s) {
        try {
            return Files.readString(p).contains(s);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
