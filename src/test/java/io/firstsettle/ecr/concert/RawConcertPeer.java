package io.firstsettle.ecr.concert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.Hex;
import io.firstsettle.port.BytePort;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tiny Concert peer written from the protocol facts of protocols.md §B alone, for the interop tests: it moves raw
 * bytes on the pty master and computes LRCs with its own loop. It uses none of the production Concert classes.
 */
final class RawConcertPeer {
    static final int STX = 0x02;
    static final int ETX = 0x03;
    static final int EOT = 0x04;
    static final int ENQ = 0x05;
    static final int ACK = 0x06;
    static final int NAK = 0x15;

    private final BytePort port;

    RawConcertPeer(BytePort port) {
        this.port = port;
    }

    /** §B: STX, the ASCII payload, ETX, then the XOR of every byte after STX up to and including ETX. */
    static byte[] frame(String payload) {
        byte[] p = payload.getBytes(StandardCharsets.US_ASCII);
        byte[] f = new byte[p.length + 3];
        f[0] = STX;
        int lrc = 0;
        for (int i = 0; i < p.length; i++) {
            f[i + 1] = p[i];
            lrc ^= p[i];
        }
        f[p.length + 1] = ETX;
        lrc ^= ETX;
        f[p.length + 2] = (byte) lrc;
        return f;
    }

    static boolean lrcGood(byte[] frame) {
        int lrc = 0;
        for (int i = 1; i < frame.length - 1; i++) {
            lrc ^= frame[i];
        }
        return (lrc & 0xFF) == (frame[frame.length - 1] & 0xFF);
    }

    void send(byte[] bytes) {
        port.write(bytes);
    }

    void send(int control) {
        port.write(new byte[] {(byte) control});
    }

    /** The next byte within {@code millis}, or -1. */
    int next(int millis) {
        byte[] b = new byte[1];
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            int left = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            if (port.read(b, 1, left) == 1) {
                return b[0] & 0xFF;
            }
        }
        return -1;
    }

    void expect(int control, int millis) {
        int got = next(millis);
        assertEquals(Hex.format(control), got < 0 ? "nothing" : Hex.format(got),
                "the peer expected " + Hex.format(control) + " within " + millis + " ms");
    }

    /** Reads one frame: STX, bytes up to ETX, then exactly one LRC byte (which may equal ETX). */
    byte[] readFrame(int millis) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        int b = next(millis);
        assertEquals(STX, b, "a frame starts with STX, got " + (b < 0 ? "nothing" : Hex.format(b)));
        f.write(b);
        while (true) {
            b = next(millis);
            assertTrue(b >= 0, "frame cut after " + f.size() + " bytes: " + Hex.format(f.toByteArray()));
            f.write(b);
            if (b == ETX) {
                int lrc = next(millis);
                assertTrue(lrc >= 0, "no LRC after ETX");
                f.write(lrc);
                return f.toByteArray();
            }
        }
    }

    /** The payload text of a frame (between STX and ETX). */
    static String text(byte[] frame) {
        return new String(Arrays.copyOfRange(frame, 1, frame.length - 2), StandardCharsets.US_ASCII);
    }

    /** Nothing arrives for {@code millis}. */
    void expectSilence(int millis) {
        int b = next(millis);
        assertEquals(-1, b, "expected silence, got " + Hex.format(Math.max(b, 0)));
    }
}
