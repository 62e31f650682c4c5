package io.firstsettle.cli;

import io.firstsettle.oracle.VerdictKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fleet on one machine: 64 emulated terminals in this JVM, each on its own kernel pty pair with its own TID/MID,
 * against one acquirer host and one bank. Every first sale is approved and settled, the oracle finds nothing LOST or
 * DUPLICATED, and the host refuses no connection.
 */
class FleetTest {
    private static final int N = 64;

    @TempDir
    Path dir;

    /**
     * Issue 16's done-when, still open: on an idle 2-core machine 64 terminals at once end 23 SETTLED, 23
     * DECLINED_REPORTED (A3) and 18 REVERSED at scale 0.05 (sale p50 2.1 s), all REVERSED at 0.2 (p50 21 s): something
     * in the host/bank path serializes them. Not run by CI until it passes: {@code mvn -B -Pfleet surefire:test}.
     */
    @Test
    @org.junit.jupiter.api.Tag("fleet-target")
    void sixtyFourTerminalsAgainstOneHostAndOneBankAllSettle() throws Exception {
        Fleet.Report r = Fleet.run(new Fleet.Spec(N, 1, N, null, 0, 1, 0.05, Path.of("fixtures").toAbsolutePath(),
                dir, Set.of()), p -> { });
        assertEquals(N, r.outcomes().size());
        assertEquals((long) N, r.outcomes().stream().map(Fleet.Outcome::tid).distinct().count(), "one TID per terminal");
        assertEquals(List.of(), r.unexpected(), FleetCommand.table(r));
        assertEquals((long) N, r.count(VerdictKind.SETTLED), FleetCommand.table(r));
        assertEquals(0, r.count(VerdictKind.LOST));
        assertEquals(0, r.count(VerdictKind.DUPLICATED));
        assertEquals(0, r.refusedConnections());
        assertTrue(Files.isDirectory(dir.resolve("terminals").resolve("90000064")), "evidence per terminal");
        assertTrue(FleetCommand.json(r).contains("\"SETTLED\" : 64"), FleetCommand.json(r));
    }

    @Test
    void fourTerminalsShareAHostAndABankAndAFaultOnSomeIsJudgedPerTerminal() throws Exception {
        // seed 1 draws 0.73, 0.41, 0.21, 0.33: the fault is on terminals 2..4 only
        Fleet.Report r = Fleet.run(new Fleet.Spec(4, 1, 4, "bank-maintenance", 0.5, 1, 0.05,
                Path.of("fixtures").toAbsolutePath(), dir, Set.of()), p -> { });
        assertEquals(List.of(), r.unexpected(), FleetCommand.table(r));
        List<Fleet.Outcome> byTid = r.outcomes().stream().sorted(java.util.Comparator.comparing(Fleet.Outcome::tid))
                .toList();
        assertEquals(VerdictKind.SETTLED, byTid.get(0).verdict(), FleetCommand.table(r));
        for (Fleet.Outcome o : byTid.subList(1, 4)) {
            assertTrue(o.faulted(), o.toString());
            assertEquals(VerdictKind.DECLINED_REPORTED, o.verdict(), FleetCommand.table(r));
        }
        assertEquals(0, r.refusedConnections());
    }
}
