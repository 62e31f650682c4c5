package io.firstsettle.cli;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What this process holds: the live heap (what the heap held right after a full collection, as the collector reports
 * it, not {@code totalMemory - freeMemory} at some moment after, when other threads have allocated again) and the
 * resident set size.
 */
final class HeapProbe {
    private HeapProbe() {
    }

    /**
     * Asks for a full collection and returns the heap it left, in bytes: the heap pools' use after the most recent
     * collection, as {@code com.sun.management.GarbageCollectorMXBean} reports it. Where the JVM does not report it,
     * the used heap right after the collection.
     */
    static synchronized long liveHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc(); // with the default collectors (G1, Parallel, Serial) a full, stop-the-world collection
        long fallback = rt.totalMemory() - rt.freeMemory();
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        long latestEnd = -1;
        long after = -1;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (b instanceof com.sun.management.GarbageCollectorMXBean g && g.getLastGcInfo() != null
                    && g.getLastGcInfo().getEndTime() > latestEnd) {
                latestEnd = g.getLastGcInfo().getEndTime();
                after = heapOf(g.getLastGcInfo().getMemoryUsageAfterGc(), heapPools);
            }
        }
        return after > 0 ? after : fallback;
    }

    private static long heapOf(Map<String, MemoryUsage> pools, Set<String> heapPools) {
        long sum = 0;
        for (Map.Entry<String, MemoryUsage> e : pools.entrySet()) {
            if (heapPools.contains(e.getKey())) {
                sum += e.getValue().getUsed();
            }
        }
        return sum;
    }

    /** Resident set size of this process (Linux /proc/self/status VmRSS), 0 where unknown. */
    static long rssBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
