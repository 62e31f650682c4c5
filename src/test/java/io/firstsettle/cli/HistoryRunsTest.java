package io.firstsettle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstsettle.store.LabDb;
import io.firstsettle.store.LabStore;
import io.firstsettle.store.RunRecord;
import io.firstsettle.testing.PgServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * History from runs that really happened: four small catalogue runs ({@code firstsettle run} of one feature against
 * the emulated terminal), two with a firmware defect that loses the first sale, recorded in a SQLite store by the run
 * command itself, and the same four report folders recorded into a real PostgreSQL store by the same code. Then the
 * new / known / fixed marks, {@code history} (all, one scenario, --terminal, --since, --flaky) and
 * {@code report --run} are read back.
 */
class HistoryRunsTest {
    private static final String FEATURE = "features/first-transaction/first-sale-settles.feature";
    private static final String DEFECT = "SETTLEMENT_OMITS_FIRST";

    @TempDir
    Path tmp;

    @Test
    void marksHistoryAndAttributionFromRealRuns() throws Exception {
        Path sqlite = tmp.resolve("lab.db");
        Path second = tmp.resolve("bench-2.yaml"); // a second terminal: the emulated profile with another TID
        Files.writeString(second, Files.readString(Path.of("fixtures/terminals/emulated-zvt.yaml"))
                .replace("name: emulated-zvt", "name: bench-2").replace("29110001", "29110002"));

        String out1 = run(sqlite, tmp.resolve("r1"), "emulated-zvt", DEFECT);
        String out2 = run(sqlite, tmp.resolve("r2"), "emulated-zvt", DEFECT);
        String out3 = run(sqlite, tmp.resolve("r3"), "emulated-zvt", null);
        String out4 = run(sqlite, tmp.resolve("r4"), second.toString(), null);
        assertTrue(out1.contains("against no earlier run on terminal 29110001: 1 new, 0 known, 0 fixed"), out1);
        assertTrue(out2.contains(": 0 new, 1 known, 0 fixed") && out2.contains("KNOWN First sale"), out2);
        assertTrue(out3.contains(": 0 new, 0 known, 1 fixed") && out3.contains("FIXED First sale"), out3);
        assertTrue(out4.contains("against no earlier run on terminal 29110002: 0 new, 0 known, 0 fixed"), out4);
        assertEquals(List.of("NEW"), marks(tmp.resolve("r1")));
        assertEquals(List.of("KNOWN"), marks(tmp.resolve("r2")));
        assertEquals(List.of("FIXED"), marks(tmp.resolve("r3")));
        assertTrue(Files.readString(tmp.resolve("r3/index.html")).contains("<section id=\"history\">"));

        // the same real runs into PostgreSQL, through the same recording code
        String pg = PgServer.shared().freshDatabase("history");
        List<String> pgMarks = new ArrayList<>();
        String splitRun = null; // r3 and r4 as one run split across two terminals (as two lab hosts would record it)
        for (String r : List.of("r1", "r2", "r3", "r4")) {
            LabDbOption o = new LabDbOption();
            o.labDb = pg;
            LabHistory.begin(o, "run", null);
            String terminal = r.equals("r4") ? second.toString() : "emulated-zvt";
            RunRecord rec = LabHistory.current().orElseThrow().record(tmp.resolve(r), new RunRecordReader.Options("run",
                    r.equals("r4") ? splitRun : null, null, r.equals("r1") || r.equals("r2") ? List.of(DEFECT) : List.of(), 0.25, terminal)).orElseThrow();
            assertEquals(1, rec.results().size());
            splitRun = rec.runId();
            pgMarks.addAll(marks(tmp.resolve(r)));
        }
        assertEquals(List.of("NEW", "KNOWN", "FIXED"), pgMarks);

        for (String db : List.of(sqlite.toString(), pg)) {
            JsonNode runs = json(cli("history", "--json", "--lab-db", db));
            assertEquals(4, runs.size(), db);
            assertEquals("29110002", runs.get(0).path("terminal").path("tid").asText(), "newest first");
            assertEquals(1, runs.get(3).path("defectVerdicts").asInt(), "the first run lost the sale: " + runs.get(3));
            assertEquals(DEFECT, runs.get(3).path("defects").asText());
            assertEquals(1, runs.get(1).path("passed").asInt());
            assertEquals(1, json(cli("history", "--json", "--terminal", "29110002", "--lab-db", db)).size());
            assertEquals(0, json(cli("history", "--json", "--since", "2999-01-01", "--lab-db", db)).size());

            JsonNode seen = json(cli("history", "factory-new", "--json", "--lab-db", db));
            assertEquals(4, seen.size());
            assertEquals("LOST", seen.get(0).path("verdict").asText(), "oldest first");
            assertEquals("SETTLED", seen.get(0).path("expectedVerdict").asText(), "from the Gherkin");
            assertTrue(seen.get(0).path("evidence").asText().startsWith(tmp.resolve("r1").toString()));
            String text = cli("history", "factory-new", "--lab-db", db);
            assertTrue(text.contains("29110001: {FAILED LOST=2, PASSED SETTLED=1}") && text.contains("29110002: {PASSED SETTLED=1}"), text);

            JsonNode flaky = json(cli("history", "--flaky", "--json", "--lab-db", db));
            assertEquals(1, flaky.size(), flaky.toString());
            assertEquals("DEVICE", flaky.get(0).path("kind").asText(), "flips on 29110001 only: " + flaky);
            assertTrue(flaky.get(0).path("reason").asText().startsWith("flips only on TID 29110001"), flaky.toString());
        }

        String terminals = cli("terminals", "--lab-db", sqlite.toString());
        assertTrue(terminals.contains("emulated-zvt") && terminals.contains("29110002") && terminals.contains("free")
                && !terminals.contains("held by root"), terminals);

        String runId = json(cli("history", "--json", "--lab-db", sqlite.toString())).get(1).path("runId").asText();
        Path joined = tmp.resolve("joined");
        String report = cli("report", "--run", runId, "--out", joined.toString(), "--lab-db", sqlite.toString());
        assertTrue(report.contains("1 part(s), 1 scenarios {SETTLED=1}"), report);
        JsonNode summary = new ObjectMapper().readTree(joined.resolve("summary.json").toFile());
        assertEquals("verified", summary.path("scenarios").get(0).path("evidenceCheck").asText(), summary.toString());
        assertTrue(Files.readString(joined.resolve("manifest.sha256")).contains("/events.jsonl"));

        // a store that cannot be reached: the run still runs, writes its report, and says so once
        int closed;
        try (java.net.ServerSocket sock = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = sock.getLocalPort();
        }
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String out5;
        try {
            out5 = capture(List.of("run", "--lab-db", "postgresql://lab@127.0.0.1:" + closed + "/lab", "--report",
                    tmp.resolve("r5").toString(), "--scale", "0.25", "--threads", "1", FEATURE));
        } finally {
            System.setErr(oldErr);
        }
        String said = err.toString(StandardCharsets.UTF_8);
        oldErr.print(said);
        // the console's table (stderr) says the one scenario went as expected; the report is written
        assertTrue(said.contains("AS EXPECTED: 1 of 1") && Files.isRegularFile(tmp.resolve("r5/index.html")),
                said + out5);
        assertEquals(1, said.split("history: NOT recorded", -1).length - 1, said);
        assertTrue(said.contains("postgresql://lab@127.0.0.1:" + closed + "/lab"), said);
        JsonNode h5 = new ObjectMapper().readTree(tmp.resolve("r5/summary.json").toFile()).path("history");
        assertFalse(h5.path("recorded").asBoolean(true), h5.toString());
        assertTrue(h5.path("reason").asText().contains("check that the server runs"), h5.toString());

        String joinedPg = cli("report", "--run", splitRun, "--out", tmp.resolve("joined-pg").toString(), "--lab-db", pg);
        assertTrue(joinedPg.contains("2 part(s), 2 scenarios {SETTLED=2}"), joinedPg);
        JsonNode parts = new ObjectMapper().readTree(tmp.resolve("joined-pg/summary.json").toFile()).path("parts");
        assertEquals(List.of("29110001", "29110002"), List.of(parts.get(0).path("terminal").path("tid").asText(),
                parts.get(1).path("terminal").path("tid").asText()));

        String pan = "4761739001010010"; // fixtures/cards/visa-test.yaml: never in the store
        assertFalse(new String(Files.readAllBytes(sqlite), StandardCharsets.ISO_8859_1).contains(pan));
        try (LabStore s = LabStore.open(LabDb.parse(pg)); var st = s.db().postgres() ? java.sql.DriverManager
                .getConnection(s.db().jdbcUrl(), s.db().user(), null).createStatement() : null;
             var rs = st.executeQuery("SELECT count(*) FROM lab_scenario_result WHERE concat_ws('|', scenario, location, "
                     + "cause, faults, evidence_path) LIKE '%" + pan.substring(6) + "%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }

    private String run(Path db, Path report, String terminal, String defect) {
        List<String> args = new ArrayList<>(List.of("run", "--lab-db", db.toString(), "--report", report.toString(),
                "--terminal", terminal, "--scale", "0.25", "--threads", "1"));
        if (defect != null) {
            args.addAll(List.of("--defect", defect));
        }
        args.add(FEATURE);
        String out = capture(args);
        assertTrue(Files.isRegularFile(report.resolve("summary.json")), out);
        return out;
    }

    private static String cli(String... args) {
        return capture(List.of(args));
    }

    private static synchronized String capture(List<String> args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            Main.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        old.print(s);
        return s;
    }

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    private static List<String> marks(Path report) throws Exception {
        List<String> out = new ArrayList<>();
        new ObjectMapper().readTree(report.resolve("summary.json").toFile()).path("history").path("marks")
                .forEach(m -> out.add(m.path("mark").asText()));
        return out;
    }
}
