package io.firstsettle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.firstsettle.oracle.VerdictKind;

/** Where the fleet samples its heap, what it computes from the samples, and what its tally keeps. */
class FleetMemoryTest {
    private static final long MIB = 1 << 20;

    /** A probe that returns what the test sets, and logs when it was asked. */
    private static final class Probe {
        final AtomicLong heap = new AtomicLong();
        final List<Long> asked = new ArrayList<>();

        long get() {
            asked.add(heap.get());
            return heap.get();
        }
    }

    @Test
    void growthIsTheMedianNearTheThousandthAgainstTheMedianAtTheLastPointEverySlotIsBusy() {
        Probe p = new Probe();
        int n = 3000;
        int terminals = 16;
        FleetMemory m = new FleetMemory(n, terminals, p::get);
        p.heap.set(20 * MIB);
        m.before();
        p.asked.clear();
        List<Integer> sampledAt = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            // the heap grows by 1 KiB a transaction, with one wild sample in each window
            p.heap.set(40 * MIB + i * 1024L + (i == 1010 || i == 2944 ? 50 * MIB : 0));
            int before = p.asked.size();
            m.judged(i, terminals - 1);
            if (p.asked.size() > before) {
                sampledAt.add(i);
            }
        }
        p.heap.set(30 * MIB);
        FleetMemory.Figures f = m.finish();
        assertTrue(sampledAt.containsAll(List.of(1000, 1010, 1020, 1030, 1040, 2944, 2954, 2964, 2974, 2984)),
                sampledAt.toString());
        assertFalse(sampledAt.contains(2985) || sampledAt.contains(2990), "none after the last busy point but the series");
        FleetMemory.Growth g = f.growth();
        assertEquals(1000, g.fromTransaction());
        assertEquals(2984, g.toTransaction());
        assertEquals(40 * MIB + 1030 * 1024L, g.fromBytes(), "the median ignores the one wild sample");
        assertEquals(40 * MIB + 2974 * 1024L, g.toBytes());
        assertEquals((1944 * 1024.0) * 100 / (40 * MIB + 1030 * 1024L), g.percent(), 1e-9);
        assertFalse(g.overLimit());
        assertEquals(30 * MIB, f.idleHeapBytes());
        assertEquals(20 * MIB, f.beforeHeapBytes());
        assertEquals((g.toBytes() - 20 * MIB) / 15, f.heapPerTerminalBytes(), 1.0, "busy less before over 15 running");
        assertEquals(10, f.series().size(), "every 300 transactions");
    }

    @Test
    void growthOverTenPercentIsFlaggedAndAShortRunHasNone() {
        Probe p = new Probe();
        FleetMemory m = new FleetMemory(2016, 16, p::get);
        for (int i = 1; i <= 2016; i++) {
            p.heap.set(i < 1500 ? 40 * MIB : 45 * MIB);
            m.judged(i, 16);
        }
        assertTrue(m.finish().growth().overLimit(), "40 -> 45 MiB is 12.5 %");
        FleetMemory shortRun = new FleetMemory(2015, 16, p::get);
        for (int i = 1; i <= 2015; i++) {
            shortRun.judged(i, 16);
        }
        assertNull(shortRun.finish().growth(), "2015 < 2 x 1000 + 16 transactions");
    }

    @Test
    void withoutGrowthWindowsHeapPerTerminalComesFromTheMomentAllRan() {
        Probe p = new Probe();
        FleetMemory m = new FleetMemory(64, 64, p::get);
        p.heap.set(36 * MIB);
        m.before();
        p.asked.clear();
        p.heap.set(100 * MIB);
        m.allRunning(0);
        p.heap.set(200 * MIB);
        m.allRunning(3); // only the first time counts
        p.heap.set(50 * MIB);
        assertEquals(1, p.asked.size());
        assertEquals((100 - 36) * MIB / 64, m.finish().heapPerTerminalBytes(), "the first all-running sample less before");
    }

    @Test
    void theTallyCountsEveryOutcomeButKeepsOnlyTheFirstUnexpectedOnes() {
        FleetTally t = new FleetTally();
        for (int i = 0; i < 1000; i++) {
            t.record(new Fleet.Outcome("T" + i, false, VerdictKind.SETTLED, 100 + i % 50, "ok"));
            t.record(new Fleet.Outcome("F" + i, true, VerdictKind.DECLINED_REPORTED, 300, "declined"));
            t.record(new Fleet.Outcome("L" + i, false, VerdictKind.LOST, 200, "lost"));
        }
        t.record(new Fleet.Outcome("D", true, VerdictKind.DUPLICATED, 200, "twice"));
        t.record(new Fleet.Outcome("X", true, VerdictKind.LAB_FAULT, 0, "no rig"));
        assertEquals(3002, t.judged());
        assertEquals(1002, t.faulted());
        assertEquals(1000, t.count(false, VerdictKind.SETTLED));
        assertEquals(1000, t.count(true, VerdictKind.DECLINED_REPORTED));
        assertEquals(0, t.count(true, VerdictKind.SETTLED));
        assertEquals(1002, t.unexpectedCount(), "every LOST, the faulted DUPLICATED and the faulted LAB_FAULT");
        assertEquals(FleetTally.UNEXPECTED_KEPT, t.unexpected().size());
        assertEquals(3001, t.verdicts().values().stream().mapToLong(Long::longValue).sum() - 1);
        assertEquals(200, t.saleMillis(0.5), "the sale that never ran (0 ms) is no latency");
    }
}
