package io.firstsettle.evidence;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks the test command runs on its catalogue's report tree ({@link ReportTreeChecks}, called by
 * {@code CatalogueTest} after its run, so the catalogue is not run a second time for them) must find what they look
 * for: each is proven here on a small report tree written by hand, right first, then broken one way at a time. The
 * card data scanner is proven on planted data in every encoding it searches.
 */
class EvidenceLeakTest {
    static CardDataScanner scanner;

    @BeforeAll
    static void loadCards() throws IOException {
        scanner = CardDataScanner.fromFixtures(Path.of("fixtures/cards"));
    }

    /** A report tree as the catalogue writes it, by hand: one evidence folder, its page, the summary, the manifest. */
    private static Path goodTree(Path root) throws Exception {
        Path ev = Files.createDirectories(root.resolve("evidence/first-sale-settles"));
        Files.writeString(ev.resolve("events.jsonl"), "{\"seq\":1,\"source\":\"register\",\"kind\":\"operation\"}\n");
        Files.writeString(ev.resolve("trace.txt"), "06 01 sale 12.34 EUR, card 541333******0608\n");
        Files.writeString(ev.resolve("receipts.txt"), "CUSTOMER COPY\n");
        Files.writeString(ev.resolve("timeline.svg"), "<svg><text>register</text><text>bank</text><text>STAN 1</text></svg>");
        Files.writeString(ev.resolve("diagnosis.txt"), "SETTLED\n");
        Files.writeString(ev.resolve("index.html"), "<html><img src=\"timeline.svg\"></html>");
        Files.writeString(root.resolve("index.html"),
                "<html><a href=\"evidence/first-sale-settles/index.html\">first sale</a></html>");
        Files.writeString(root.resolve("summary.json"), "{}");
        writeManifest(root);
        return root;
    }

    private static void writeManifest(Path root) throws Exception {
        StringBuilder m = new StringBuilder();
        try (Stream<Path> s = Files.walk(root.resolve("evidence"))) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                m.append(HexFormat.of().formatHex(d)).append("  ").append(root.relativize(f)).append('\n');
            }
        }
        Files.writeString(root.resolve("manifest.sha256"), m);
    }

    @Test
    void aRightTreePassesEveryCheck(@TempDir Path tmp) throws Exception {
        assertEquals(List.of(), ReportTreeChecks.all(goodTree(tmp)));
    }

    @Test
    void aFullPanInAnyReportFileIsFound(@TempDir Path tmp) throws Exception {
        Path root = goodTree(tmp);
        String pan = scanner.pans().get(0);
        Files.writeString(root.resolve("index.html"), "<html>card " + pan + "</html>");
        List<String> problems = ReportTreeChecks.noCardData(root);
        assertTrue(problems.stream().anyMatch(p -> p.contains("index.html")), problems.toString());
        Path extra = tmp.resolve("messages.ndjson");
        Files.writeString(extra, "{\"text\":\"" + pan + "\"}");
        assertTrue(ReportTreeChecks.noCardData(goodTree(Files.createDirectories(tmp.resolve("b"))), extra).stream()
                .anyMatch(p -> p.contains("messages.ndjson")), "an extra file (Cucumber's own report) is scanned too");
    }

    @Test
    void aChangedOrUnlistedEvidenceFileBreaksTheManifest(@TempDir Path tmp) throws Exception {
        Path root = goodTree(tmp);
        Files.writeString(root.resolve("evidence/first-sale-settles/diagnosis.txt"), "LOST\n");
        assertTrue(ReportTreeChecks.manifestCoversEveryEvidenceFile(root).stream()
                .anyMatch(p -> p.contains("diagnosis.txt") && p.contains("does not hash")), "a changed file");
        writeManifest(root);
        Files.writeString(root.resolve("evidence/first-sale-settles/extra.txt"), "x");
        assertTrue(ReportTreeChecks.manifestCoversEveryEvidenceFile(root).stream()
                .anyMatch(p -> p.contains("7 evidence files")), "a file the manifest does not list");
    }

    @Test
    void aSummaryThatMissesAPageOrNeedsAScriptIsFound(@TempDir Path tmp) throws Exception {
        Path root = goodTree(tmp);
        Files.writeString(root.resolve("index.html"), "<html><script>x()</script></html>");
        List<String> problems = ReportTreeChecks.summaryLinksEveryEvidencePage(root);
        assertTrue(problems.stream().anyMatch(p -> p.contains("has a script")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("does not link evidence/first-sale-settles")),
                problems.toString());
        Files.writeString(root.resolve("index.html"), "<a href=\"https://cdn.example/x.css\">");
        assertTrue(ReportTreeChecks.summaryLinksEveryEvidencePage(root).stream()
                .anyMatch(p -> p.contains("references the network")));
    }

    @Test
    void anEmptyOrMissingEvidenceFileIsFound(@TempDir Path tmp) throws Exception {
        Path root = goodTree(tmp);
        Files.writeString(root.resolve("evidence/first-sale-settles/receipts.txt"), "");
        Files.delete(root.resolve("evidence/first-sale-settles/trace.txt"));
        List<String> problems = ReportTreeChecks.complete(root);
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("receipts.txt: missing or empty")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("trace.txt: missing or empty")), problems.toString());
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
