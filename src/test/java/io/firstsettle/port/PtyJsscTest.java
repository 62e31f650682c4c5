package io.firstsettle.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytes through a real kernel pseudo-terminal: jssc on the slave, libc on the master. No mocks. */
class PtyJsscTest {

    /** A ZVT-like frame (DLE STX ... DLE ETX CRC) with the awkward bytes in it: 00, 10 (doubled), 11, 13, 0A, 0D, FF. */
    static final byte[] ZVT_LIKE = HexFormat.of().parseHex(
            "1002" + "060122" + "0400000012340019" + "0978" + "101011130a0dff00" + "0102030405060708090a0b0c0d"
                    + "1003" + "a1b2");

    static byte[] readExactly(BytePort port, int n, int timeoutMillis) {
        byte[] buf = new byte[n];
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        int got = 0;
        while (got < n) {
            int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            byte[] chunk = new byte[n - got];
            int r = port.read(chunk, n - got, left);
            System.arraycopy(chunk, 0, buf, got, r);
            got += r;
            if (r == 0 && System.nanoTime() > deadline) {
                throw new AssertionError("read " + got + " of " + n + " bytes from " + port.name() + " in "
                        + timeoutMillis + " ms");
            }
        }
        return buf;
    }

    static byte[] allByteValues() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    @Test
    void everyByteValueCrossesBothWaysThroughJsscOnAKernelPty() {
        try (PtyPair pair = PtyPair.open();
             JsscBytePort ecr = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault())) {
            assertTrue(pair.slavePath().startsWith("/dev/pts/"), pair.slavePath());
            assertInstanceOf(jssc.SerialPort.class, ecr.jsscPort());
            assertEquals(pair.slavePath(), ecr.jsscPort().getPortName());
            assertTrue(ecr.jsscPort().isOpened());
            assertTrue(ecr.isPseudoTerminal());
            assertEquals(40, ZVT_LIKE.length);

            for (byte[] payload : new byte[][] {allByteValues(), ZVT_LIKE, {0x00, 0x10, 0x11, 0x13, 0x0A, 0x0D, (byte) 0xFF}}) {
                ecr.write(payload);
                assertArrayEquals(payload, readExactly(pair.master(), payload.length, 2000), "ECR -> PT");
                pair.master().write(payload);
                assertArrayEquals(payload, readExactly(ecr, payload.length, 2000), "PT -> ECR");
            }
            // nothing echoed back: echo is off on the line
            assertEquals(0, pair.master().read(new byte[16], 16, 50));
            assertEquals(0, ecr.read(new byte[16], 16, 50));
        }
    }

    @Test
    void fiveThousandBytesArriveCompleteThroughChunkedReads() {
        byte[] big = new byte[5000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        try (PtyPair pair = PtyPair.open();
             JsscBytePort ecr = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault())) {
            pair.master().write(big);
            assertArrayEquals(big, readExactly(ecr, big.length, 3000), "PT -> ECR, 5000 bytes");
            ecr.write(big);
            assertArrayEquals(big, readExactly(pair.master(), big.length, 3000), "ECR -> PT, 5000 bytes");
        }
    }

    @Test
    void closingThePairIsLinkGoneOnTheJsscSideWithin100ms() throws Exception {
        PtyPair pair = PtyPair.open();
        try (JsscBytePort ecr = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault())) {
            pair.master().write(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, readExactly(ecr, 3, 1000));
            long[] elapsed = new long[1];
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                elapsed[0] = System.nanoTime();
                pair.close();
            });
            closer.start();
            PortException e = assertThrows(PortException.class, () -> ecr.read(new byte[64], 64, 5000));
            long now = System.nanoTime();
            closer.join();
            long latencyMicros = (now - elapsed[0]) / 1000;
            System.out.println("link-gone latency after pty close: " + latencyMicros + " us");
            assertEquals(PortException.Kind.LINK_GONE, e.kind(), e.getMessage());
            assertTrue(latencyMicros < 100_000, "link gone seen after " + latencyMicros + " us");
            assertTrue(e.getMessage().contains(pair.slavePath()), e.getMessage());
            assertTrue(e.getMessage().contains("unplugged or the far end closed"), e.getMessage());
        } finally {
            pair.close();
        }
    }

    @Test
    void aSymlinkToTheSlaveWorksAndIsRemovedOnClose(@TempDir Path dir) {
        Path link;
        try (PtyPair pair = PtyPair.open()) {
            link = pair.link(dir.resolve("firstsettle-pt0"));
            try (JsscBytePort ecr = JsscBytePort.open(link.toString(), SerialSettings.zvtDefault())) {
                assertTrue(ecr.isPseudoTerminal(), "a symlink to /dev/pts/N is detected as a pty");
                ecr.write(ZVT_LIKE);
                assertArrayEquals(ZVT_LIKE, readExactly(pair.master(), ZVT_LIKE.length, 2000));
            }
        }
        assertTrue(Files.notExists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void slaveReopenedByTheHarnessStillWorksAndMasterSeesNoDataInBetween() {
        try (PtyPair pair = PtyPair.open()) {
            try (JsscBytePort first = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault())) {
                first.write(new byte[] {0x06});
                assertArrayEquals(new byte[] {0x06}, readExactly(pair.master(), 1, 1000));
            }
            // no jssc fd open now: the master reads "no data yet", not an error
            assertEquals(0, pair.master().read(new byte[8], 8, 30));
            try (JsscBytePort second = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault())) {
                pair.master().write(new byte[] {0x10, 0x03});
                assertArrayEquals(new byte[] {0x10, 0x03}, readExactly(second, 2, 1000));
            }
        }
    }

    @Test
    void aWriteTheFarEndNeverDrainsTimesOutWithinItsBound() {
        try (PtyPair pair = PtyPair.open();
             JsscBytePort ecr = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault(), Duration.ofMillis(200))) {
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 0x55);
            long start = System.nanoTime();
            PortException e = assertThrows(PortException.class, () -> {
                for (int i = 0; i < 64; i++) { // nobody reads the master: the pty buffer fills up
                    ecr.write(block);
                }
            });
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(PortException.Kind.WRITE_TIMEOUT, e.kind(), e.getMessage());
            long bound = ecr.writeBoundMillis(block.length);
            assertTrue(ms < 64 * bound, "gave up after " + ms + " ms");
            assertTrue(e.getMessage().startsWith("write timed out after " + bound + " ms on " + pair.slavePath()
                    + ": the far end stopped reading"), e.getMessage());
            // a later write is refused at once, naming the stuck one
            PortException again = assertThrows(PortException.class, () -> ecr.write(new byte[] {1}));
            assertEquals(PortException.Kind.WRITE_TIMEOUT, again.kind());
        }
    }

    @Test
    void masterWriteThatTheSlaveNeverDrainsTimesOut() {
        try (PtyPair pair = PtyPair.open(Duration.ofMillis(150))) {
            ByteArrayOutputStream ignored = new ByteArrayOutputStream();
            byte[] block = new byte[64 * 1024];
            PortException e = assertThrows(PortException.class, () -> {
                for (int i = 0; i < 64; i++) {
                    pair.master().write(block);
                    ignored.write(0);
                }
            });
            assertEquals(PortException.Kind.WRITE_TIMEOUT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("the far end stopped reading"), e.getMessage());
        }
    }
}
