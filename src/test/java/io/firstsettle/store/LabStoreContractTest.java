package io.firstsettle.store;

import io.firstsettle.testing.PgServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same store tests against the embedded SQLite file and a real PostgreSQL server (a throwaway one from Debian's
 * package, started by {@link PgServer}): schema by migration, a run part round trip, the previous run on a terminal,
 * terminal holds between two sessions, and an unreachable store failing fast with a message naming it.
 */
class LabStoreContractTest {
    private static final AtomicInteger DBS = new AtomicInteger();

    @TempDir
    Path tmp;

    private LabDb fresh(String kind) {
        return kind.equals("sqlite") ? LabDb.parse(tmp.resolve("lab.db").toString())
                : LabDb.parse(PgServer.shared().freshDatabase("contract" + DBS.incrementAndGet()));
    }

    private static RunRecord run(String id, long start, String tid, String defects, String kind, Map<String, String> verdicts) {
        List<RunRecord.Result> results = new java.util.ArrayList<>();
        int seq = 0;
        for (Map.Entry<String, String> v : verdicts.entrySet()) {
            boolean pass = v.getValue().startsWith("SETTLED");
            results.add(new RunRecord.Result(++seq, v.getKey(), "features/x.feature:" + seq, pass ? "PASSED" : "FAILED",
                    v.getValue(), "SETTLED", "cause", "bank-maintenance", 1234, "/r/" + id + "/evidence/" + seq,
                    "ab".repeat(32)));
        }
        return new RunRecord(id, id + "/part", kind, start, start + 1000, "tester", "labhost", "c0ffee", "firstsettle 0.1",
                new RunRecord.Terminal("emulated-zvt", "ZVT over serial", "firstsettle", "EmulatedTerminal", tid, "1.0"),
                "@cert", defects, 0.05, "/r/" + id, results);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void migrationsCreateTheSchemaOnceAndARunReadsBackAsWritten(String kind) throws Exception {
        LabDb db = fresh(kind);
        RunRecord written = run("r1", 1_700_000_000_000L, "29110001", "", "run",
                Map.of("first sale settles", "SETTLED", "bank down", "LOST"));
        try (LabStore s = LabStore.open(db)) {
            s.record(written);
        }
        try (LabStore s = LabStore.open(db); Statement st = s.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM lab_schema_history WHERE version IS NOT NULL")) {
            assertTrue(rs.next(), "Flyway recorded the migration");
            assertEquals("1", rs.getString(1));
            assertTrue(rs.getBoolean(2));
            assertFalse(rs.next(), "opened twice, migrated once");
            List<RunRecord> read = s.run("r1");
            assertEquals(1, read.size());
            RunRecord r = read.get(0);
            assertEquals(written.terminal(), r.terminal());
            assertEquals(written.startedMs(), r.startedMs());
            assertEquals(written.results().stream().map(RunRecord.Result::key).sorted().toList(),
                    r.results().stream().map(RunRecord.Result::key).sorted().toList());
            assertEquals(1, r.passedCount());
            assertEquals(1, r.defectCount());
            assertEquals("ab".repeat(32), r.results().get(0).evidenceSha256());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void previousRunIsTheLatestEarlierOneOnTheSameTerminal(String kind) throws Exception {
        try (LabStore s = LabStore.open(fresh(kind))) {
            s.record(run("a", 1000, "29110001", "", "run", Map.of("s", "LOST")));
            s.record(run("b", 2000, "29110002", "", "run", Map.of("s", "SETTLED")));
            s.record(run("c", 3000, "29110001", "SETTLEMENT_OMITS_FIRST", "detect", Map.of("s", "LOST")));
            RunRecord now = run("d", 4000, "29110001", "", "run", Map.of("s", "SETTLED"));
            s.record(now);
            Optional<RunRecord> prev = s.previousOnTerminal(now);
            assertEquals("a", prev.orElseThrow().runId(), "same TID, not the other terminal's run nor a detect run");
            List<FailureMarks.Marked> marks = FailureMarks.compare(prev, now);
            assertEquals(List.of(FailureMarks.Mark.FIXED), marks.stream().map(FailureMarks.Marked::mark).toList());
            assertEquals(List.of("d", "c"), s.runs(2, null, null).stream().map(RunRecord::runId).toList(), "newest first");
            assertEquals(List.of("d", "c"), s.runs(0, "29110001", 2500L).stream().map(RunRecord::runId).toList());
            assertEquals(List.of("b"), s.runs(0, "29110002", null).stream().map(RunRecord::runId).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aHeldTerminalIsRefusedNamingItsHolderAndFreeAgainOnRelease(String kind) throws Exception {
        LabDb db = fresh(kind);
        try (TerminalReservation mine = TerminalReservation.acquire(db, "bench-3", "/dev/ttyUSB0", "contract test")) {
            TerminalBusyException e = assertThrows(TerminalBusyException.class,
                    () -> TerminalReservation.acquire(db, "bench-3", null, "second"));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains(Holder.self().host()), e.getMessage());
            try (TerminalReservation other = TerminalReservation.acquire(db, "bench-4", null, "another terminal")) {
                try (LabStore s = LabStore.open(db)) {
                    List<TerminalReservation.Known> known = TerminalReservation.known(s);
                    assertEquals(List.of("bench-3", "bench-4"), known.stream().map(TerminalReservation.Known::terminal).toList());
                    assertTrue(known.get(0).hold().isPresent());
                    assertEquals("/dev/ttyUSB0", known.get(0).address());
                }
            }
        }
        try (TerminalReservation again = TerminalReservation.acquire(db, "bench-3", null, "after release");
             LabStore s = LabStore.open(db)) {
            assertEquals("after release", again.hold().purpose());
            assertTrue(TerminalReservation.known(s).stream().filter(k -> k.terminal().equals("bench-4"))
                    .allMatch(k -> k.hold().isEmpty()), "bench-4 was released");
        }
    }

    @Test
    void anUnreachablePostgresFailsWithinTheConnectBoundNamingTheStore() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        LabDb db = LabDb.parse("postgresql://lab:secret@127.0.0.1:" + port + "/lab");
        long t0 = System.nanoTime();
        LabStoreException e = assertThrows(LabStoreException.class, () -> LabStore.open(db));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < (LabStore.CONNECT_TIMEOUT_SECONDS + 5) * 1000L, "took " + ms + " ms");
        assertTrue(e.getMessage().contains("postgresql://lab@127.0.0.1:" + port + "/lab"), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "the password is never shown: " + e.getMessage());
    }

    @Test
    void aSqliteStoreInAFolderThatCannotBeCreatedSaysWhereAndWhatToDo() throws Exception {
        Path file = tmp.resolve("plain-file");
        Files.writeString(file, "not a folder");
        LabStoreException e = assertThrows(LabStoreException.class, () -> LabStore.open(LabDb.parse(file.resolve("lab.db").toString())));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("--lab-db"), e.getMessage());
    }

    @Test
    void labDbResolvesOptionThenEnvironmentThenHome() {
        Path home = Path.of("/home/lab");
        assertEquals("/home/lab/.firstsettle/lab.db", LabDb.resolve(null, Map.of(), home).shown());
        assertEquals("jdbc:postgresql://db.lab:5433/firstsettle", LabDb.resolve(null,
                Map.of(LabDb.ENV, "postgresql://fs:pw@db.lab:5433/firstsettle"), home).jdbcUrl());
        LabDb opt = LabDb.resolve("/data/x.db", Map.of(LabDb.ENV, "postgresql://fs@db/lab"), home);
        assertEquals("jdbc:sqlite:/data/x.db", opt.jdbcUrl());
        assertThrows(IllegalArgumentException.class, () -> LabDb.parse("mysql://db/lab"));
    }
}
