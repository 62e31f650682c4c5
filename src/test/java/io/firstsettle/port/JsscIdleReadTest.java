package io.firstsettle.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: an idle jssc port blocks in poll(2) instead of polling its input count. On a real kernel pty: the idle
 * reader's CPU time, a read woken by data at once (not at the end of a slice), the bound kept, and a close from
 * another thread ending a waiting read.
 */
class JsscIdleReadTest {

    @Test
    void anIdleReaderUsesAlmostNoCpu() throws Exception {
        try (PtyPair pair = PtyPair.open();
             JsscBytePort port = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault())) {
            assertTrue(port.blocksWhenIdle(), "jssc's fd was found, idle reads block in poll(2)");
            // the link's idle pattern (read with 50 ms) for 1 s; the parking loop before took ~8-10 % of a core
            double share = PortIdleBench.idleCpu(port, Duration.ofMillis(300), Duration.ofSeconds(1));
            assertTrue(share < 0.03, "idle reader used " + String.format("%.2f", 100 * share) + " % of a core");
        }
    }

    @Test
    void aWaitingReadWakesWhenTheByteArrivesAndKeepsItsBoundOtherwise() throws Exception {
        try (PtyPair pair = PtyPair.open();
             JsscBytePort port = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault())) {
            byte[] buf = new byte[16];
            long t0 = System.nanoTime();
            assertEquals(0, port.read(buf, buf.length, 120));
            long idleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(idleMs >= 115 && idleMs < 1_000, "an empty read of 120 ms took " + idleMs + " ms");

            long[] sentAt = new long[1];
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(80);
                } catch (InterruptedException e) {
                    return;
                }
                sentAt[0] = System.nanoTime();
                pair.master().write(new byte[] {0x06});
            });
            writer.start();
            int n = port.read(buf, buf.length, 3_000);
            long woke = System.nanoTime();
            writer.join();
            assertEquals(1, n);
            assertArrayEquals(new byte[] {0x06}, java.util.Arrays.copyOf(buf, 1));
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(woke - sentAt[0]);
            // a 50 ms poll slice must not delay the byte: poll(2) returns on its arrival
            assertTrue(latencyMs < 30, "the byte was read " + latencyMs + " ms after it was written");
        }
    }

    @Test
    void closingThePortFromAnotherThreadEndsAWaitingRead() throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            JsscBytePort port = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault());
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(60);
                } catch (InterruptedException e) {
                    return;
                }
                port.close();
            });
            closer.start();
            long t0 = System.nanoTime();
            PortException e = assertThrows(PortException.class, () -> port.read(new byte[8], 8, 5_000));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            closer.join();
            assertTrue(ms < 1_000, "the read ended " + ms + " ms after it began, not at its 5 s bound");
            assertTrue(e.getMessage().contains(pair.slavePath()), e.getMessage());
        }
    }
}
