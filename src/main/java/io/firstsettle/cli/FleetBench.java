package io.firstsettle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.firstsettle.oracle.VerdictKind;

/**
 * The fleet part of {@code firstsettle bench}: {@link Fleet} runs of 1, 16, 64 (and more, if asked: 256 works) terminals
 * at the fleet's lab scale, all at once, each terminal one first transaction; prints transactions per second, the
 * verdicts, and the heap per terminal ({@link FleetMemory}: live heap after a full GC while the most terminals ran,
 * less the heap before the first started, over the terminals running) and the process's RSS after the run.
 */
final class FleetBench {
    private FleetBench() {
    }

    /**
     * The lab scale for {@code n} terminals at once: the fleet's scale, slowed towards real time (1.0) as the fleet
     * passes 64 terminals, so that a terminal's host timeout (30 s lab) stays longer than its turn on a few cores:
     * 256 terminals at once on 2 cores take tens of seconds a sale.
     */
    static double scaleFor(int n, double scale) {
        return Math.min(1.0, Math.max(scale, n / 256.0));
    }

    static void run(int[] sizes, double scale, Path fixtures) throws Exception {
        for (int n : sizes) {
            Path out = Files.createTempDirectory("firstsettle-fleet-bench-" + n);
            double s = scaleFor(n, scale);
            Fleet.Report r = Fleet.run(new Fleet.Spec(n, 1, n, null, 0, 1, s, fixtures, out, Set.of()), p -> { });
            FleetMemory.Figures m = r.memory();
            System.out.printf(java.util.Locale.ROOT, "fleet     %3d terminals (scale %.2f): %.2f tx/s, %d SETTLED of %d,"
                            + " LOST %d, DUPLICATED %d, LAB_FAULT %d, refused %d, sale p50 %d ms p99 %d ms; heap per"
                            + " terminal %.2f MiB (heap before %.1f MiB), RSS %d MiB%n",
                    n, s, r.transactionsPerSecond(), r.count(VerdictKind.SETTLED), r.judged(), r.count(VerdictKind.LOST),
                    r.count(VerdictKind.DUPLICATED), r.count(VerdictKind.LAB_FAULT), r.refusedConnections(), r.percentileSaleMillis(0.5),
                    r.percentileSaleMillis(0.99), m.heapPerTerminalBytes() / 1048576.0, m.beforeHeapBytes() / 1048576.0,
                    m.rssBytes() >> 20);
        }
    }
}
