package io.firstsettle.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The fleet's memory figures, each a live heap after a full collection ({@link HeapProbe#liveHeapAfterGc()}):
 * <ul>
 *   <li>a series, every {@code every} judged transactions (at most {@value #MAX_SERIES} samples);</li>
 *   <li>heap growth from the first to the last thousand transactions: the median of {@value #WINDOW} samples
 *       {@value #STEP} transactions apart from the 1000th on, against the median of as many ending at the
 *       (transactions - terminals)th, the last point at which every terminal slot is still busy, so both ends hold
 *       the same number of running terminals. Only for runs of at least {@link #minTransactionsForGrowth(int)};
 *       over {@value #GROWTH_LIMIT_PERCENT} % is a failure of the run;</li>
 *   <li>heap per emulated terminal: the busy heap less the heap before the first terminal started (host and bank
 *       up), over the terminals running (rig started, not yet closed) at the busy samples: what a terminal costs the
 *       fleet, its share of the host's and bank's work included. Busy is the last growth window where there is one,
 *       else the sample with the most terminals running (one is taken when all of them first run at once). The idle
 *       heap after the run (every terminal gone, host and bank still up) is reported beside it.</li>
 * </ul>
 */
final class FleetMemory {
    static final int WINDOW = 5;
    static final int STEP = 10;
    static final int FIRST = 1000;
    static final double GROWTH_LIMIT_PERCENT = 10.0;
    static final int MAX_SERIES = 100;

    /** One sample: live heap after a full collection, RSS, and how many terminals were running. */
    record Sample(int transactions, int running, long heapBytes, long rssBytes) {
    }

    /** Heap growth between the two windows (medians). */
    record Growth(int fromTransaction, long fromBytes, int toTransaction, long toBytes) {
        double percent() {
            return fromBytes == 0 ? 0 : (toBytes - fromBytes) * 100.0 / fromBytes;
        }

        boolean overLimit() {
            return percent() > GROWTH_LIMIT_PERCENT;
        }
    }

    /** Everything measured; {@code growth} null for a run too short to have two windows. */
    record Figures(List<Sample> series, Growth growth, long beforeHeapBytes, long idleHeapBytes,
                   long heapPerTerminalBytes, long rssBytes) {
    }

    private final int transactions;
    private final int terminals;
    private final int every;
    private final LongSupplier probe;
    private final List<Sample> series = new ArrayList<>();
    private final List<Sample> first = new ArrayList<>();
    private final List<Sample> last = new ArrayList<>();
    private Sample allRunning;
    private long before;

    FleetMemory(int transactions, int terminals) {
        this(transactions, terminals, HeapProbe::liveHeapAfterGc);
    }

    /** @param probe the live heap in bytes (a test passes its own) */
    FleetMemory(int transactions, int terminals, LongSupplier probe) {
        this.transactions = transactions;
        this.terminals = terminals;
        this.probe = probe;
        int e = Math.max(1, Math.min(1000, transactions / 10));
        this.every = Math.max(e, transactions / MAX_SERIES);
    }

    /** The shortest run that measures growth: two windows that do not overlap, the last one with every slot busy. */
    static int minTransactionsForGrowth(int terminals) {
        return 2 * FIRST + terminals;
    }

    private boolean growthMeasured() {
        return transactions >= minTransactionsForGrowth(terminals);
    }

    /** Before the first terminal starts (host and bank up): the baseline of the heap per terminal. */
    void before() {
        long b = probe.getAsLong();
        synchronized (this) {
            before = b;
        }
    }

    /** After the {@code n}th judged transaction, {@code running} terminals still running: samples when it is due. */
    void judged(int n, int running) {
        boolean inSeries = n % every == 0;
        boolean inFirst = growthMeasured() && n >= FIRST && n < FIRST + WINDOW * STEP && (n - FIRST) % STEP == 0;
        int lastEnd = transactions - terminals;
        boolean inLast = growthMeasured() && n <= lastEnd && n > lastEnd - WINDOW * STEP && (lastEnd - n) % STEP == 0;
        if (!inSeries && !inFirst && !inLast) {
            return;
        }
        Sample s = new Sample(n, running, probe.getAsLong(), HeapProbe.rssBytes());
        synchronized (this) {
            if (inSeries) {
                series.add(s);
            }
            if (inFirst) {
                first.add(s);
            }
            if (inLast) {
                last.add(s);
            }
        }
    }

    /** Every terminal slot runs a terminal now, for the first time: one sample. */
    void allRunning(int n) {
        synchronized (this) {
            if (allRunning != null) {
                return;
            }
            allRunning = new Sample(n, terminals, 0, 0);
        }
        Sample s = new Sample(n, terminals, probe.getAsLong(), HeapProbe.rssBytes());
        synchronized (this) {
            allRunning = s;
        }
    }

    /** After the run (every terminal gone, host and bank still up): the idle heap, and all figures. */
    synchronized Figures finish() {
        long idle = probe.getAsLong();
        Growth g = null;
        if (!first.isEmpty() && !last.isEmpty()) {
            g = new Growth(first.get(0).transactions(), median(first), last.get(last.size() - 1).transactions(),
                    median(last));
        }
        long perTerminal = 0;
        if (g != null) {
            double running = last.stream().mapToInt(Sample::running).average().orElse(terminals);
            perTerminal = (long) (Math.max(0, g.toBytes() - before) / Math.max(1.0, running));
        } else {
            Sample busiest = allRunning != null && allRunning.heapBytes() > 0 ? allRunning : null;
            for (Sample s : series) {
                if (busiest == null || s.running() > busiest.running()) {
                    busiest = s;
                }
            }
            if (busiest != null && busiest.running() > 0) {
                perTerminal = Math.max(0, busiest.heapBytes() - before) / busiest.running();
            }
        }
        return new Figures(List.copyOf(series), g, before, idle, perTerminal, HeapProbe.rssBytes());
    }

    private static long median(List<Sample> l) {
        long[] v = l.stream().mapToLong(Sample::heapBytes).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
