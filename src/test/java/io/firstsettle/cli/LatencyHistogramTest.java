package io.firstsettle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fleet's fixed-size latency histogram against the nearest-rank percentile of the sorted list of every value. */
class LatencyHistogramTest {
    /** Nearest rank on the sorted list, written from the definition: the value at rank ceil(p x n), 1-based. */
    private static long nearestRank(List<Long> sorted, double p) {
        int rank = Math.max(1, (int) Math.ceil(p * sorted.size()));
        return sorted.get(rank - 1);
    }

    @Test
    void percentilesBelowTheFineLimitAreExactlyThoseOfTheSortedList() {
        Random r = new Random(7);
        for (int round = 0; round < 20; round++) {
            LatencyHistogram h = new LatencyHistogram();
            List<Long> all = new ArrayList<>();
            int n = 1 + r.nextInt(5000);
            for (int i = 0; i < n; i++) {
                // a skewed sale latency: mostly a few hundred ms, a tail to several seconds
                long v = r.nextInt(10) == 0 ? r.nextInt(LatencyHistogram.FINE_LIMIT_MS) : 200 + r.nextInt(600);
                h.record(v);
                all.add(v);
            }
            Collections.sort(all);
            for (double p : new double[] {0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1.0}) {
                assertEquals(nearestRank(all, p), h.percentile(p), "p" + p + " of " + n + " values, round " + round);
            }
            assertEquals(n, h.count());
            assertEquals(all.get(all.size() - 1), h.max());
        }
    }

    @Test
    void aboveTheFineLimitAPercentileIsWithinOneCoarseBinAboveAndNeverOverTheMaximum() {
        Random r = new Random(11);
        LatencyHistogram h = new LatencyHistogram();
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            long v = LatencyHistogram.FINE_LIMIT_MS + r.nextInt(100_000);
            h.record(v);
            all.add(v);
        }
        Collections.sort(all);
        for (double p : new double[] {0.5, 0.9, 0.99}) {
            long exact = nearestRank(all, p);
            long got = h.percentile(p);
            assertTrue(got >= exact && got < exact + LatencyHistogram.COARSE_MS, "p" + p + ": " + got + " vs " + exact);
        }
        assertEquals(all.get(all.size() - 1), h.percentile(1.0), "the top is the largest value recorded");
        h.record(LatencyHistogram.COARSE_LIMIT_MS * 3L);
        assertEquals(LatencyHistogram.COARSE_LIMIT_MS * 3L, h.percentile(1.0), "beyond the bins: the maximum");
    }

    @Test
    void emptyAndNegative() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.percentile(0.5));
        h.record(-5);
        assertEquals(0, h.percentile(0.99));
        assertEquals(1, h.count());
    }
}
