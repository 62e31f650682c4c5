package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.Hex;
import java.util.Arrays;

/** What the serial frame parser recognised in the byte stream. Every record prints its bytes as hex. */
public sealed interface FrameEvent {

    /** A well-formed frame with a good CRC; {@code apdu} is unstuffed. The receiver answers ACK. */
    record Frame(byte[] apdu) implements FrameEvent {
        public Frame {
            apdu = apdu.clone();
        }

        @Override
        public byte[] apdu() {
            return apdu.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && Arrays.equals(apdu, f.apdu);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(apdu);
        }

        @Override
        public String toString() {
            return "Frame[" + Hex.format(apdu) + "]";
        }
    }

    /** A single ACK byte 0x06 outside a frame. */
    record Ack() implements FrameEvent {
        @Override
        public String toString() {
            return "Ack[06]";
        }
    }

    /** A single NAK byte 0x15 outside a frame. */
    record Nak() implements FrameEvent {
        @Override
        public String toString() {
            return "Nak[15]";
        }
    }

    /**
     * A frame that started (DLE STX) but cannot be used: bad CRC, DLE followed by an unexpected byte, oversize, or cut
     * by the T1 inter-byte gap. {@code raw} holds the bytes as received (stuffed); the receiver answers NAK.
     */
    record Corrupt(byte[] raw, String reason) implements FrameEvent {
        public Corrupt {
            raw = raw.clone();
        }

        @Override
        public byte[] raw() {
            return raw.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Corrupt c && Arrays.equals(raw, c.raw) && reason.equals(c.reason);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(raw) + reason.hashCode();
        }

        @Override
        public String toString() {
            return "Corrupt[" + reason + ": " + Hex.format(raw) + "]";
        }
    }

    /** Bytes outside any frame that are neither ACK, NAK nor the start of a frame. */
    record Garbage(byte[] bytes) implements FrameEvent {
        public Garbage {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Garbage g && Arrays.equals(bytes, g.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Garbage[" + Hex.format(bytes) + "]";
        }
    }
}
