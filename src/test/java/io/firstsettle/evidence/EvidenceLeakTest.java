package io.firstsettle.evidence;

import io.firstsettle.cli.CertificationSummaryPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every scenario of the catalogue into a fresh report folder, then scans every file of the report and evidence
 * tree for full test PANs, track-2 data and PIN blocks. The scanner is proven on planted data first.
 */
class EvidenceLeakTest {
    @TempDir
    static Path reports;
    static CardDataScanner scanner;

    @BeforeAll
    static void fullRun() throws IOException {
        scanner = CardDataScanner.fromFixtures(Path.of("fixtures/cards"));
        String before = System.getProperty("firstsettle.reports");
        System.setProperty("firstsettle.reports", reports.toString());
        try {
            byte status = io.cucumber.core.cli.Main.run(new String[]{"--glue", "io.firstsettle.steps",
                    "--plugin", "html:" + reports.resolve("cucumber.html"),
                    "--plugin", "junit:" + reports.resolve("junit.xml"),
                    "--plugin", "message:" + reports.resolve("messages.ndjson"),
                    "--plugin", CertificationSummaryPlugin.class.getName() + ":" + reports,
                    "--threads", "2", // each scenario has its own rig: two at once, as the test command's catalogue
                    "--monochrome", "features"}, Thread.currentThread().getContextClassLoader());
            assertEquals(0, status, "the catalogue must pass before its evidence is scanned");
        } finally {
            if (before == null) {
                System.clearProperty("firstsettle.reports");
            } else {
                System.setProperty("firstsettle.reports", before);
            }
        }
    }

    @Test
    void noCardDataAnywhereInTheReportTree() throws IOException {
        assertTrue(scanner.pans().size() >= 2, "every fixture card's PAN is searched for: " + scanner.pans().size());
        long files;
        try (Stream<Path> s = Files.walk(reports)) {
            files = s.filter(Files::isRegularFile).count();
        }
        List<Path> evidence;
        try (Stream<Path> s = Files.list(reports.resolve("evidence"))) {
            evidence = s.toList();
        }
        assertFalse(evidence.isEmpty(), "the run left evidence folders");
        for (Path dir : evidence) {
            for (String f : List.of("events.jsonl", "trace.txt", "receipts.txt", "timeline.svg", "diagnosis.txt")) {
                assertTrue(Files.size(dir.resolve(f)) > 0, dir.resolve(f) + " is written and not empty");
            }
        }
        for (String f : List.of("index.html", "summary.json", "manifest.sha256", "cucumber.html", "messages.ndjson")) {
            assertTrue(Files.isRegularFile(reports.resolve(f)), f + " is in the report folder");
        }
        assertTrue(files >= evidence.size() * 6L + 5, "scanned " + files + " files");
        assertEquals(List.of(), scanner.scan(reports), "card data found in the report tree");
    }

    @Test
    void manifestCoversEveryEvidenceFileWithItsHash() throws Exception {
        List<String> lines = Files.readAllLines(reports.resolve("manifest.sha256"));
        long evidenceFiles;
        try (Stream<Path> s = Files.walk(reports.resolve("evidence"))) {
            evidenceFiles = s.filter(Files::isRegularFile).count();
        }
        assertEquals(evidenceFiles, lines.size(), "one manifest line per evidence file");
        for (String l : lines) {
            String[] p = l.split("  ", 2);
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(reports.resolve(p[1])));
            assertEquals(HexFormat.of().formatHex(digest), p[0], p[1]);
        }
    }

    @Test
    void summaryIsSelfContainedAndLinksEveryEvidencePageWithItsTimeline() throws IOException {
        String html = Files.readString(reports.resolve("index.html"));
        assertFalse(html.contains("<script"), "readable with scripts off: no scripts at all");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no network references");
        List<Path> timelines;
        try (Stream<Path> s = Files.list(reports.resolve("evidence"))) {
            // a scenario skipped because the terminal lacks what it needs is listed without a verdict or a link
            timelines = s.filter(d -> Files.isRegularFile(d.resolve("timeline.svg")) && !skipped(d)).toList();
        }
        for (Path d : timelines) {
            String page = "evidence/" + d.getFileName() + "/index.html";
            assertTrue(html.contains("href=\"" + page + "\""), "the summary links " + page);
            String evidence = Files.readString(reports.resolve(page));
            assertTrue(evidence.contains("src=\"timeline.svg\""), page + " embeds its timeline");
            assertFalse(evidence.contains("<script") || evidence.matches("(?s).*(src|href)=\"(https?:)?//.*"), page);
        }
        String svg = Files.readString(Files.list(reports.resolve("evidence")).findFirst().orElseThrow()
                .resolve("timeline.svg"));
        assertFalse(svg.contains("<script"), "timelines need no scripts");
        assertTrue(svg.contains(">register<") && svg.contains(">bank<") && svg.contains("STAN"), "lanes and keys");
    }

    private static boolean skipped(Path evidenceDir) {
        try {
            return Files.readString(evidenceDir.resolve("events.jsonl")).contains("\"kind\":\"scenario-skipped\"");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void theScannerFindsPlantedCardData(@TempDir Path tmp) throws IOException {
        String pan = scanner.pans().get(0);
        Files.writeString(tmp.resolve("ascii.txt"), "log line with " + pan + " in it", StandardCharsets.UTF_8);
        byte[] bcd = HexFormat.of().parseHex(pan.length() % 2 == 0 ? pan : pan + "F");
        byte[] framed = new byte[bcd.length + 4];
        framed[0] = 0x10;
        framed[1] = 0x02;
        System.arraycopy(bcd, 0, framed, 2, bcd.length);
        Files.write(tmp.resolve("frame.bin"), framed);
        Files.writeString(tmp.resolve("hex.jsonl"), "{\"bytes\":\"22 F0 F8 " + spaced(pan) + "\"}");
        Files.writeString(tmp.resolve("track2.txt"), "5413330089010608D28121010000000000");
        Files.writeString(tmp.resolve("pin.json"), "{\"fields\":{\"52\":\"0123456789ABCDEF\"}}");
        Files.writeString(tmp.resolve("masked.txt"), "CARD " + pan.substring(0, 6) + "******"
                + pan.substring(pan.length() - 4) + " {\"52\":\"[8 bytes, not recorded]\"}");
        List<String> hits = scanner.scan(tmp);
        assertTrue(hits.stream().anyMatch(h -> h.contains("ascii.txt") && h.contains("ASCII")), hits.toString());
        assertTrue(hits.stream().anyMatch(h -> h.contains("frame.bin") && h.contains("packed BCD")), hits.toString());
        assertTrue(hits.stream().anyMatch(h -> h.contains("hex.jsonl") && h.contains("hex text")), hits.toString());
        assertTrue(hits.stream().anyMatch(h -> h.contains("track2.txt") && h.contains("track-2")), hits.toString());
        assertTrue(hits.stream().anyMatch(h -> h.contains("pin.json") && h.contains("PIN block")), hits.toString());
        assertTrue(hits.stream().noneMatch(h -> h.contains("masked.txt")), "masked data is not a hit: " + hits);
    }

    private static String spaced(String pan) {
        String even = pan.length() % 2 == 0 ? pan : pan + "F";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < even.length(); i += 2) {
            sb.append(i == 0 ? "" : " ").append(even, i, i + 2);
        }
        return sb.toString();
    }
}
