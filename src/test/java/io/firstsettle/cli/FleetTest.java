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

    @Test
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
}
