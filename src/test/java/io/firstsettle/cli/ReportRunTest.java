package io.firstsettle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code firstsettle run} as a user sees it, on one small real run (one scenario) reused by every check: the exit
 * codes of a clean run, a defect run, a lab fault and usage errors; the progress total against the scenarios that go
 * through; a report with no absolute path that still opens after being moved; the summary and an evidence page in
 * headless Chromium at 1280x800, in English and Chinese ({@link ChromiumProbe}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportRunTest {
    private static final String FEATURE = "features/first-transaction/first-sale-settles.feature:6";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private Path clean;
    private Result cleanRun;

    record Result(int code, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    /** Runs the CLI in this JVM with stdout and stderr captured. */
    static synchronized Result cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.commandLine().execute(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @BeforeAll
    void oneCleanRun() throws IOException {
        Path first = tmp.resolve("clean-run");
        // lab time at 0.25 (not 0.05): on a loaded machine the bank must not answer late to the host
        cleanRun = cli("run", "--report", first.toString(), "--lang", "en", "--scale", "0.25", FEATURE);
        // every later check reads the report from another folder: it must not depend on where it was written
        Files.createDirectories(tmp.resolve("moved"));
        clean = Files.move(first, tmp.resolve("moved").resolve("clean-run-archived"),
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aCleanRunExitsZeroPrintsTheReportLastAndCountsItsScenarios() throws IOException {
        assertEquals(0, cleanRun.code(), cleanRun.all());
        String[] out = cleanRun.out().strip().split("\n");
        assertTrue(out[out.length - 1].startsWith("report: ") && out[out.length - 1].endsWith("index.html"),
                "the report path is the last line: " + cleanRun.out());
        assertTrue(cleanRun.err().contains("[1/1 "), "progress counts 1 of 1: " + cleanRun.err());
        assertFalse(cleanRun.err().contains("Given a factory-new terminal"), "no step lines without --verbose");
        assertFalse(cleanRun.all().contains("1 scenarios (1 passed)"), "no second summary from Cucumber");
        JsonNode run = JSON.readTree(clean.resolve("summary.json").toFile()).path("run");
        assertEquals("AS_EXPECTED", run.path("outcome").asText());
        assertEquals("Catalogue run", run.path("title").asText());
        assertEquals(RunMetadata.version(), run.path("harness").asText().replace("firstsettle ", ""));
        assertFalse(run.path("start").asText().matches(".*\\.\\d+Z"), "no fractions of a second: " + run.path("start"));
        JsonNode row = JSON.readTree(clean.resolve("summary.json").toFile()).path("scenarios").get(0);
        assertEquals("SETTLED", row.path("expected").asText());
        assertEquals(FEATURE, row.path("location").asText());
    }

    @Test
    void theDefaultReportFolderIsNewForEachRunAndNeverMixesTwo() throws IOException {
        Path reports = tmp.resolve("default-reports");
        Path first = ReportFolder.claim(reports, "20261129-215900");
        assertEquals(reports.resolve("run-20261129-215900"), first);
        Files.writeString(first.resolve("verdicts.txt"), "killed run\n"); // an earlier run (killed) left this
        Path second = ReportFolder.claim(reports, "20261129-215900"); // started in the same second
        assertEquals(reports.resolve("run-20261129-215900-2"), second, "a used name is never taken again");
        assertEquals(reports.resolve("run-20261129-215900-3"), ReportFolder.claim(reports, "20261129-215900"));
        try (Stream<Path> s = Files.list(second)) {
            assertEquals(0, s.count(), "the new run's folder starts empty");
        }
        assertEquals("killed run\n", Files.readString(first.resolve("verdicts.txt")), "the earlier run is untouched");
    }

    @Test
    void reportFilesAreReplacedWholeByARenameAndLeaveNoTemporaryFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("atomic"));
        Path file = dir.resolve("summary.json");
        io.firstsettle.core.AtomicFiles.writeString(file, "old run");
        Path reader = Files.createLink(dir.resolve("held-by-a-reader"), file); // the file as a reader has it open
        io.firstsettle.core.AtomicFiles.writeString(file, "new run, longer");
        assertEquals("new run, longer", Files.readString(file));
        assertEquals("old run", Files.readString(reader), "written to a new file and renamed, never rewritten in place");
        try (Stream<Path> s = Files.walk(clean)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "the real run left no temporary file");
        }
        for (String name : List.of("summary.json", "index.html", "index.zh-CN.html", "manifest.sha256", "junit.xml")) {
            assertTrue(Files.size(clean.resolve(name)) > 0, name);
        }
    }

    @Test
    void theReportHoldsNoAbsolutePathAndItsLinksResolveAfterTheMove() throws IOException {
        String home = Path.of("").toAbsolutePath().toString();
        List<String> offenders = new ArrayList<>();
        List<Path> pages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(clean)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                if (text.contains("file://") || text.contains(home + "/") || text.contains(tmp.toString())) {
                    offenders.add(clean.relativize(f).toString());
                }
                if (f.toString().endsWith(".html") && !f.getFileName().toString().equals("cucumber.html")) {
                    pages.add(f);
                }
            }
        }
        assertEquals(List.of(), offenders, "files with file:// or an absolute path");
        assertEquals(4, pages.size(), "index.html, index.zh-CN.html and the scenario's two pages: " + pages);
        Pattern link = Pattern.compile("(?:href|src)=\"([^\"#]+)\"");
        for (Path page : pages) {
            Matcher m = link.matcher(Files.readString(page));
            int n = 0;
            while (m.find()) {
                n++;
                assertTrue(Files.exists(page.getParent().resolve(m.group(1))), page + " links to missing " + m.group(1));
            }
            assertTrue(n >= 4, page + " has links");
        }
        String junit = Files.readString(clean.resolve("junit.xml"));
        assertEquals(1, junit.split("<testcase ", -1).length - 1, junit);
        assertTrue(junit.contains("verdict SETTLED (expected SETTLED;"), "the verdict is in the test case: " + junit);
    }

    @Test
    void theSummaryAndAnEvidencePageAnswerInTheFirstScreenInBothLanguages() throws Exception {
        ChromiumProbe chromium = ChromiumProbe.find();
        for (ReportLang lang : ReportLang.values()) {
            JsonNode index = chromium.measure(clean.resolve(lang.page()), tmp.resolve("profile-" + lang.tag()));
            assertTrue(index.path("viewportWidth").asInt() == 1280, index.toString());
            assertTrue(index.path("scrollWidth").asInt() <= 1280, "no horizontal scroll at 1280 px: " + index);
            JsonNode banner = index.path("banner");
            assertTrue(banner.path("visible").asBoolean(), "banner in the first screen: " + banner);
            assertTrue(banner.path("text").asText().startsWith(lang == ReportLang.EN ? "ALL AS EXPECTED" : "全部符合预期"),
                    banner.toString());
            JsonNode row = index.path("rows").get(0);
            assertTrue(row.path("visible").asBoolean(), "first row in the first screen: " + row);
            assertEquals("SETTLED", row.path("expected").asText());
            assertTrue(row.path("actual").asText().endsWith("SETTLED"), row.toString());
            assertEquals("rgb(30, 123, 52)", row.path("actualColour").asText(), "a matching verdict is green");
            JsonNode links = index.path("links");
            assertTrue(links.size() >= 2, "the row's evidence link and the language switch: " + links);
            for (JsonNode l : links) {
                assertTrue(l.path("visible").asBoolean(), "link visible in the first screen: " + l);
                assertTrue(Files.exists(clean.resolve(l.path("href").asText())), "link resolves: " + l);
            }
            String evidence = links.get(links.size() - 1).path("href").asText();
            assertTrue(evidence.startsWith("evidence/") && evidence.endsWith(lang.page()), links.toString());

            JsonNode page = chromium.measure(clean.resolve(evidence), tmp.resolve("profile-ev-" + lang.tag()));
            assertTrue(page.path("diagnosis").path("visible").asBoolean(), "diagnosis in the first screen: " + page);
            assertTrue(page.path("diagnosis").path("text").asText().contains(lang == ReportLang.EN
                    ? "approved, settled and credited once" : "已批准、已结算并入账一次"), page.toString());
            assertTrue(page.path("timelineWidth").asInt() > 600, "the timeline image loaded: " + page);
            for (JsonNode l : page.path("links")) {
                assertTrue(Files.exists(clean.resolve(evidence).getParent().resolve(l.path("href").asText())),
                        "link resolves: " + l);
            }
            assertTrue(page.path("links").toString().contains(lang.other().page()), "other language one click away");
        }
    }

    @Test
    void aDefectRunExitsOneAndSaysSo() throws IOException {
        Path dir = tmp.resolve("defect-run");
        Result r = cli("run", "--report", dir.toString(), "--defect", "AMOUNT_SCALE_ERROR", "--scale", "0.25", FEATURE);
        assertEquals(1, r.code(), r.all());
        JsonNode run = JSON.readTree(dir.resolve("summary.json").toFile()).path("run");
        assertEquals("DEFECTS_FOUND", run.path("outcome").asText());
        assertEquals("AMOUNT_SCALE_ERROR", run.path("defects").asText());
        assertTrue(run.path("title").asText().contains("injected defect AMOUNT_SCALE_ERROR"), run.toString());
        assertTrue(Files.readString(dir.resolve("junit.xml")).contains("(expected SETTLED;"));
    }

    @Test
    void aLabFaultExitsThree() throws IOException {
        Path profile = tmp.resolve("absent-terminal.yaml");
        String bench = Files.readString(Path.of("fixtures/terminals/bench-zvt-example.yaml"))
                .replaceAll("(?m)^port: .*$", "port: " + tmp.resolve("no-such-serial-port"))
                .replaceAll("(?m)^hostListen: .*$", "hostListen: \"127.0.0.1:0\"")
                .replaceAll("(?m)^name: .*$", "name: absent-terminal");
        Files.writeString(profile, bench);
        Path dir = tmp.resolve("lab-fault-run");
        Result r = cli("run", "--report", dir.toString(), "--terminal", profile.toString(), FEATURE);
        assertEquals(3, r.code(), r.all());
        assertEquals("LAB_FAULT", JSON.readTree(dir.resolve("summary.json").toFile()).path("run").path("outcome").asText());
    }

    @Test
    void usageErrorsExitTwoSuggestAndLeaveNoReportFolder() {
        Path dir = tmp.resolve("never-made");
        Result r = cli("run", "--terminal", "nosuch", "--report", dir.toString(), FEATURE);
        assertEquals(2, r.code(), r.all());
        assertTrue(r.err().contains("known terminal profiles: ") && r.err().contains("emulated-zvt"), r.err());
        assertFalse(Files.exists(dir), "no empty report folder");

        Result typo = cli("rnu");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("Did you mean") && typo.err().contains("run"), typo.err());

        Result bare = cli();
        assertEquals(2, bare.code());
        assertTrue(bare.err().contains("Usage: firstsettle") && bare.err().contains("Exit codes"), bare.err());

        Result version = cli("--version");
        assertEquals(0, version.code());
        assertEquals("firstsettle " + RunMetadata.version(), version.out().strip());
    }

    @Test
    void theProgressTotalIsTheNumberOfScenariosThatGoThrough() {
        int whole = progressTotal(cli("run", "--dry-run"));
        int cert = progressTotal(cli("run", "--dry-run", "--tags", "@cert"));
        int one = progressTotal(cli("run", "--dry-run", FEATURE));
        assertTrue(whole >= 40 && cert > 1 && cert < whole, "whole " + whole + ", @cert " + cert);
        assertEquals(1, one);
    }

    /** The total of the last progress line, asserted equal to the scenarios counted through and listed. */
    private static int progressTotal(Result r) {
        assertEquals(0, r.code(), r.all());
        Matcher p = Pattern.compile("\\[(\\d+)/(\\d+) ").matcher(r.err());
        int done = -1;
        int total = -1;
        while (p.find()) {
            done = Integer.parseInt(p.group(1));
            total = Integer.parseInt(p.group(2));
        }
        Matcher end = Pattern.compile("(\\d+) of (\\d+) scenario\\(s\\) would run").matcher(r.err());
        assertTrue(end.find(), r.err());
        long rows = r.err().lines().filter(l -> l.matches("^\\s*\\d+ .*\\(features/.*:\\d+\\)$")).count();
        assertEquals(total, done, "the progress ends at its total: " + r.err());
        assertEquals(total, Integer.parseInt(end.group(1)));
        assertEquals(total, rows, "one table row per scenario");
        return total;
    }
}
