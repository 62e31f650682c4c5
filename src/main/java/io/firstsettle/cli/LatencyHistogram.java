package io.firstsettle.cli;

/**
 * A fixed-size histogram of latencies in milliseconds, so that a soak of any length keeps its sale latencies in the
 * same few kilobytes and still gives exact percentiles. Resolution: 1 ms below {@value #FINE_LIMIT_MS} ms (exact
 * there); {@value #COARSE_MS} ms bins from there to {@value #COARSE_LIMIT_MS} ms (a percentile that falls in one is
 * that bin's upper end, never above the largest value recorded); one bin beyond. Negative values count as 0.
 * Percentiles are nearest-rank, as on the sorted list of every value: the value at rank ceil(p x count).
 * Thread-safe.
 */
final class LatencyHistogram {
    /** Values below this many ms are kept exactly. */
    static final int FINE_LIMIT_MS = 16_384;
    /** Width of a bin from {@link #FINE_LIMIT_MS} up. */
    static final int COARSE_MS = 16;
    /** Values from here up share one bin (reported as the largest value recorded). */
    static final int COARSE_LIMIT_MS = FINE_LIMIT_MS * 17;

    private final long[] fine = new long[FINE_LIMIT_MS];
    private final long[] coarse = new long[(COARSE_LIMIT_MS - FINE_LIMIT_MS) / COARSE_MS];
    private long beyond;
    private long count;
    private long max;

    synchronized void record(long millis) {
        long v = Math.max(0, millis);
        if (v < FINE_LIMIT_MS) {
            fine[(int) v]++;
        } else if (v < COARSE_LIMIT_MS) {
            coarse[(int) ((v - FINE_LIMIT_MS) / COARSE_MS)]++;
        } else {
            beyond++;
        }
        count++;
        max = Math.max(max, v);
    }

    synchronized long count() {
        return count;
    }

    synchronized long max() {
        return max;
    }

    /** The nearest-rank percentile, {@code p} in 0..1; 0 when nothing was recorded. */
    synchronized long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p * count));
        long seen = 0;
        for (int i = 0; i < fine.length; i++) {
            seen += fine[i];
            if (seen >= rank) {
                return i;
            }
        }
        for (int i = 0; i < coarse.length; i++) {
            seen += coarse[i];
            if (seen >= rank) {
                return Math.min(max, FINE_LIMIT_MS + (long) (i + 1) * COARSE_MS - 1);
            }
        }
        return max;
    }
}
