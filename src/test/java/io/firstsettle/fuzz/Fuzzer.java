package io.firstsettle.fuzz;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A small seeded mutation fuzzer (plain JUnit, no agent): starts from a corpus of valid inputs (protocol vectors,
 * fixture files), mutates them (bit flips, byte changes, insertions, deletions, truncation, splices, repeated blocks,
 * interesting bytes such as DLE, FF, 00) and runs each through a target. A target may only throw the typed errors it
 * declares; anything else, an input that runs longer than the time bound, or one that allocates more than the
 * allocation bound fails the run with the input in hex, so it can be replayed.
 */
final class Fuzzer {
    /** What one input did wrong. */
    static final class Finding extends AssertionError {
        Finding(String message, Throwable cause) {
            super(message, cause);
        }
    }

    interface Target {
        void run(byte[] input) throws Exception;
    }

    private static final byte[] INTERESTING = {0x00, 0x01, 0x02, 0x03, 0x06, 0x10, 0x15, 0x7F, (byte) 0x80,
            (byte) 0xF0, (byte) 0xF9, (byte) 0xFE, (byte) 0xFF, 0x0A, 0x3A, 0x20, 0x23, 0x2D};

    private final String name;
    private final Target target;
    private final Set<Class<? extends Throwable>> allowed;
    private final List<byte[]> corpus = new ArrayList<>();
    private long maxNanosPerInput = 2_000_000_000L;
    private long maxBytesPerInput = 64L << 20;
    private int runs;
    private int rejected;

    Fuzzer(String name, Target target, Set<Class<? extends Throwable>> allowed, List<byte[]> seeds) {
        this.name = name;
        this.target = target;
        this.allowed = allowed;
        this.corpus.addAll(seeds);
        if (corpus.isEmpty()) {
            corpus.add(new byte[0]);
        }
    }

    Fuzzer bounds(long maxMillisPerInput, long maxBytesAllocatedPerInput) {
        this.maxNanosPerInput = maxMillisPerInput * 1_000_000L;
        this.maxBytesPerInput = maxBytesAllocatedPerInput;
        return this;
    }

    /** Runs for {@code millis} of wall time from {@code seed}; returns a one-line summary. */
    String run(long seed, long millis) {
        Random r = new Random(seed);
        long end = System.nanoTime() + millis * 1_000_000L;
        for (byte[] s : List.copyOf(corpus)) {
            once(s, false); // warm-up: class loading and JIT are not the input's fault
        }
        while (System.nanoTime() < end) {
            byte[] in = mutate(r, corpus.get(r.nextInt(corpus.size())));
            once(in, true);
        }
        return name + ": " + runs + " inputs, " + rejected + " rejected with a typed error, seed " + seed;
    }

    private void once(byte[] in, boolean bounded) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long bytesBefore = mx.getThreadAllocatedBytes(thread);
        long t0 = System.nanoTime();
        try {
            target.run(in);
        } catch (Throwable t) {
            if (allowed.stream().noneMatch(a -> a.isInstance(t))) {
                throw new Finding(name + ": " + t.getClass().getName() + " on input " + hex(in), t);
            }
            if (t.getMessage() == null || t.getMessage().isBlank()) {
                throw new Finding(name + ": " + t.getClass().getSimpleName() + " without a message on input "
                        + hex(in), t);
            }
            rejected++;
        }
        long took = System.nanoTime() - t0;
        long allocated = mx.getThreadAllocatedBytes(thread) - bytesBefore;
        runs++;
        if (!bounded) {
            return;
        }
        if (took > maxNanosPerInput) {
            throw new Finding(name + ": took " + took / 1_000_000 + " ms (bound " + maxNanosPerInput / 1_000_000
                    + ") on input " + hex(in), null);
        }
        if (allocated > maxBytesPerInput) {
            throw new Finding(name + ": allocated " + allocated / 1024 + " KiB (bound " + maxBytesPerInput / 1024
                    + ") on input " + hex(in), null);
        }
    }

    static byte[] mutate(Random r, byte[] seed) {
        byte[] b = seed.clone();
        int rounds = 1 + r.nextInt(4);
        for (int k = 0; k < rounds; k++) {
            int op = r.nextInt(8);
            int len = b.length;
            int at = len == 0 ? 0 : r.nextInt(len);
            switch (op) {
                case 0 -> {
                    if (len > 0) {
                        b[at] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> {
                    if (len > 0) {
                        b[at] = INTERESTING[r.nextInt(INTERESTING.length)];
                    }
                }
                case 2 -> b = insert(b, at, new byte[] {(byte) r.nextInt(256)});
                case 3 -> {
                    if (len > 0) {
                        int n = 1 + r.nextInt(Math.min(8, len - at));
                        b = cut(b, at, n);
                    }
                }
                case 4 -> b = java.util.Arrays.copyOf(b, len == 0 ? 0 : r.nextInt(len + 1));
                case 5 -> {
                    if (len > 0) {
                        int n = 1 + r.nextInt(Math.min(32, len - at));
                        byte[] block = java.util.Arrays.copyOfRange(b, at, at + n);
                        int times = 1 + r.nextInt(16);
                        for (int i = 0; i < times; i++) {
                            b = insert(b, at, block);
                        }
                    }
                }
                case 6 -> {
                    if (len > 0) {
                        b[at] = (byte) r.nextInt(256);
                    }
                }
                default -> b = insert(b, at, new byte[] {INTERESTING[r.nextInt(INTERESTING.length)]});
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    private static byte[] cut(byte[] b, int at, int n) {
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + n, out, at, b.length - at - n);
        return out;
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 512); i++) {
            s.append(String.format("%02X", b[i] & 0xFF));
        }
        return s + (b.length > 512 ? "... (" + b.length + " bytes)" : "");
    }
}
