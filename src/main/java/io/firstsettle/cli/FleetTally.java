package io.firstsettle.cli;

import io.firstsettle.oracle.VerdictKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a fleet keeps of its judged transactions, in a size that does not grow with the run: counts per verdict (with
 * and without the fault in force), the sale latencies as a {@link LatencyHistogram}, and the first
 * {@value #UNEXPECTED_KEPT} transactions that were not what their fault predicts, in full (the rest are counted).
 * Each transaction's own verdict and evidence stay in its folder. Thread-safe.
 */
final class FleetTally {
    /** Unexpected outcomes kept in full for the table; the count covers all of them. */
    static final int UNEXPECTED_KEPT = 100;

    private final Map<VerdictKind, Long> plain = new EnumMap<>(VerdictKind.class);
    private final Map<VerdictKind, Long> faulted = new EnumMap<>(VerdictKind.class);
    private final List<Fleet.Outcome> unexpected = new ArrayList<>();
    private final LatencyHistogram sales = new LatencyHistogram();
    private long unexpectedCount;

    /**
     * Whether an outcome is what its fault predicts: SETTLED without a fault; with one, any verdict that is neither a
     * defect nor a lab fault.
     */
    static boolean expected(Fleet.Outcome o) {
        return o.faulted() ? !o.verdict().defect() && o.verdict() != VerdictKind.LAB_FAULT
                : o.verdict() == VerdictKind.SETTLED;
    }

    synchronized void record(Fleet.Outcome o) {
        (o.faulted() ? faulted : plain).merge(o.verdict(), 1L, Long::sum);
        if (o.saleMillis() > 0) {
            sales.record(o.saleMillis());
        }
        if (!expected(o)) {
            unexpectedCount++;
            if (unexpected.size() < UNEXPECTED_KEPT) {
                unexpected.add(o);
            }
        }
    }

    synchronized long judged() {
        return total(plain) + total(faulted);
    }

    synchronized long faulted() {
        return total(faulted);
    }

    /** Transactions with this verdict, with or without the fault. */
    synchronized long count(VerdictKind k) {
        return plain.getOrDefault(k, 0L) + faulted.getOrDefault(k, 0L);
    }

    /** Transactions with this verdict among those with ({@code withFault}) or without the fault in force. */
    synchronized long count(boolean withFault, VerdictKind k) {
        return (withFault ? faulted : plain).getOrDefault(k, 0L);
    }

    synchronized Map<VerdictKind, Long> verdicts() {
        Map<VerdictKind, Long> m = new EnumMap<>(plain);
        faulted.forEach((k, n) -> m.merge(k, n, Long::sum));
        return m;
    }

    synchronized long unexpectedCount() {
        return unexpectedCount;
    }

    /** The first {@value #UNEXPECTED_KEPT} unexpected outcomes. */
    synchronized List<Fleet.Outcome> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Nearest-rank percentile of the first sale's latency (ms), {@code p} in 0..1. */
    long saleMillis(double p) {
        return sales.percentile(p);
    }

    private static long total(Map<VerdictKind, Long> m) {
        return m.values().stream().mapToLong(Long::longValue).sum();
    }
}
