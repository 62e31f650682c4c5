package io.firstsettle.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstsettle.testing.BenchDevice;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench as a lab uses it: two terminals on cables (each `firstsettle emulate` as a separate process on a socat
 * pair) run the catalogue with the default options as two lanes in parallel; then the first terminal runs it again,
 * not reset in between (the bench's known state and the acquirer's record do that), next to the emulated terminal's
 * lane. Every bench verdict must equal the emulated terminal's verdict for the same scenario, both times.
 */
class BenchLanesTest {
    private static final Pattern LINE = Pattern.compile("^\\s*\\d+ (\\S+)\\s+(\\S+)\\s+(.*?)  evidence: .*$");

    @TempDir
    Path dir;

    @Test
    @Tag("lab-tools")
    void benchTerminalsRunTheCatalogueAsParallelLanesAndTwiceInARowWithTheEmulatedVerdicts() throws Exception {
        Path labState = dir.resolve("lab-state");
        try (BenchDevice a = BenchDevice.start(dir.resolve("a"), "29110001");
             BenchDevice b = BenchDevice.start(dir.resolve("b"), "29110002")) {
            Path pa = a.profile("bench-a", false);
            Path pb = b.profile("bench-b", false);

            // two terminals in parallel, one lane each, default options (--threads 2)
            BenchDevice.Result first = BenchDevice.firstsettle(labState, dir.resolve("run1.log"), List.of("run",
                    "--terminal", pa.toString(), "--terminal", pb.toString(), "--report",
                    dir.resolve("run1").toString()), Duration.ofMinutes(8));
            assertEquals(0, first.exit(), failedLines(dir.resolve("run1/lanes")) + "\n" + tail(first.output()));
            String lanes = Files.readString(dir.resolve("run1/lanes.txt"));
            assertTrue(lanes.contains("bench-a") && lanes.contains("bench-b") && lanes.contains("29110002"),
                    "the report shows every terminal: " + lanes);
            Map<String, List<String>> a1 = verdicts(dir.resolve("run1/lanes/bench-a"));
            Map<String, List<String>> b1 = verdicts(dir.resolve("run1/lanes/bench-b"));
            List<long[]> casesA = testCases(dir.resolve("run1/lanes/bench-a"));
            List<long[]> casesB = testCases(dir.resolve("run1/lanes/bench-b"));
            assertTrue(noneOverlap(casesA), "a physical terminal's scenarios run one after another (default --threads 2)");
            assertTrue(noneOverlap(casesB), "bench-b: one scenario at a time");
            long[] spanA = span(casesA);
            long[] spanB = span(casesB);
            assertTrue(spanA[0] < spanB[1] && spanB[0] < spanA[1], "the two lanes ran at the same time: "
                    + List.of(spanA[0], spanA[1]) + " / " + List.of(spanB[0], spanB[1]));

            // the first terminal again, not reset in between, next to the emulated terminal's lane (the reference)
            BenchDevice.Result second = BenchDevice.firstsettle(labState, dir.resolve("run2.log"), List.of("run",
                    "--terminal", "emulated-zvt", "--terminal", pa.toString(), "--report",
                    dir.resolve("run2").toString()), Duration.ofMinutes(8));
            assertEquals(0, second.exit(), failedLines(dir.resolve("run2/lanes")) + "\n" + tail(second.output()));
            Map<String, List<String>> emulated = verdicts(dir.resolve("run2/lanes/emulated-zvt"));
            Map<String, List<String>> a2 = verdicts(dir.resolve("run2/lanes/bench-a"));
            assertTrue(a1.size() >= 40, "the whole non-@emulated catalogue ran on the bench: " + a1.keySet());
            assertTrue(emulated.size() > a1.size(), "the power scenarios ran only on the emulated terminal");
            for (Map.Entry<String, List<String>> e : a1.entrySet()) {
                assertEquals(emulated.get(e.getKey()), e.getValue(), "bench-a, first run: " + e.getKey());
            }
            assertEquals(a1, b1, "bench-b");
            assertEquals(a1, a2, "bench-a, second run in a row");
            // every scenario passed, or was skipped because a ZVT terminal lacks what it needs (Concert's result
            // handover), exactly as on the emulated terminal (checked per scenario above)
            assertTrue(a1.values().stream().flatMap(List::stream)
                    .allMatch(v -> v.startsWith("PASSED ") || v.equals("SKIPPED none")), a1.toString());
            assertTrue(noneOverlap(testCases(dir.resolve("run2/lanes/bench-a"))), "one scenario at a time");
            assertTrue(Files.readString(dir.resolve("run2/lanes/bench-a/doctor.txt")).contains(
                    "PASS terminal reaches host"), "a bench run starts with the doctor");
        }
    }

    /** Scenario name to its "STATUS VERDICT" lines (sorted; a name can repeat across languages or outlines). */
    static Map<String, List<String>> verdicts(Path report) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String line : Files.readAllLines(report.resolve("verdicts.txt"))) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.computeIfAbsent(m.group(3).strip(), k -> new ArrayList<>()).add(m.group(1) + " " + m.group(2));
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    /** Each scenario's [start, end] in epoch milliseconds, from Cucumber's messages. */
    static List<long[]> testCases(Path report) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> started = new HashMap<>();
        List<long[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(report.resolve("messages.ndjson"))) {
            JsonNode n = json.readTree(line);
            if (n.has("testCaseStarted")) {
                started.put(n.get("testCaseStarted").get("id").asText(), millis(n.get("testCaseStarted")));
            } else if (n.has("testCaseFinished")) {
                JsonNode f = n.get("testCaseFinished");
                out.add(new long[] {started.get(f.get("testCaseStartedId").asText()), millis(f)});
            }
        }
        return out;
    }

    private static long millis(JsonNode event) {
        JsonNode t = event.get("timestamp");
        return t.get("seconds").asLong() * 1000 + t.get("nanos").asLong() / 1_000_000;
    }

    private static boolean noneOverlap(List<long[]> cases) {
        List<long[]> s = new ArrayList<>(cases);
        s.sort((x, y) -> Long.compare(x[0], y[0]));
        for (int i = 1; i < s.size(); i++) {
            if (s.get(i)[0] < s.get(i - 1)[1]) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static long[] span(List<long[]> cases) {
        return new long[] {cases.stream().mapToLong(c -> c[0]).min().orElseThrow(),
                cases.stream().mapToLong(c -> c[1]).max().orElseThrow()};
    }

    /** Every line of a verdicts.txt under {@code root} that is not PASSED, for a failure message. */
    static String failedLines(Path root) throws IOException {
        StringBuilder b = new StringBuilder("scenarios not passed:\n");
        try (var s = Files.walk(root)) {
            for (Path v : s.filter(p -> p.getFileName().toString().equals("verdicts.txt")).toList()) {
                for (String line : Files.readAllLines(v)) {
                    if (!line.contains(" PASSED ")) {
                        b.append(root.relativize(v)).append(": ").append(line).append('\n');
                        // the scenario's own diagnosis, so a failure in CI says why (the temp folder is gone after)
                        int at = line.indexOf("evidence: ");
                        Path diagnosis = at < 0 ? null : v.getParent().resolve(line.substring(at + 10).trim())
                                .resolve("diagnosis.txt");
                        if (diagnosis != null && Files.isRegularFile(diagnosis)) {
                            b.append(tail(Files.readString(diagnosis))).append('\n');
                        }
                    }
                }
            }
        }
        return b.toString();
    }

    private static String tail(String s) {
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }
}
