package io.firstsettle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.firstsettle.oracle.VerdictKind;

/**
 * The fleet part of {@code firstsettle bench}: {@link Fleet} runs of 1, 16, 64 (and more, if asked) terminals at the
 * fleet's lab scale, each terminal one first transaction; prints transactions per second, the verdicts, and the heap
 * per terminal: the largest heap sampled (after a GC hint) while the fleet ran, less the heap before it, over N.
 */
final class FleetBench {
    private FleetBench() {
    }

    static void run(int[] sizes, double scale, Path fixtures) throws Exception {
        for (int n : sizes) {
            Path out = Files.createTempDirectory("firstsettle-fleet-bench-" + n);
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            Fleet.Report r = Fleet.run(new Fleet.Spec(n, 1, n, null, 0, 1, scale, fixtures, out, Set.of()), p -> { });
            long peak = r.memory().stream().mapToLong(Fleet.MemorySample::heapUsedBytes).max().orElse(before);
            System.out.printf("fleet     %3d terminals: %.2f tx/s, %d SETTLED of %d, LOST %d, DUPLICATED %d, sale p50 %d ms;"
                            + " heap per terminal %.2f MiB (peak %.1f MiB, before %.1f MiB)%n", n,
                    r.transactionsPerSecond(), r.count(VerdictKind.SETTLED), r.outcomes().size(),
                    r.count(VerdictKind.LOST), r.count(VerdictKind.DUPLICATED), r.percentileSaleMillis(0.5),
                    Math.max(0, peak - before) / 1048576.0 / n, peak / 1048576.0, before / 1048576.0);
        }
    }
}
