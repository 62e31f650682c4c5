package io.firstsettle.ecr.concert;

import io.firstsettle.core.Hex;

import java.nio.charset.StandardCharsets;

/** What {@link ConcertFrameParser} found in the byte stream. Offsets count bytes fed to the parser since it was made. */
public sealed interface ConcertFrameEvent {

    /** Stream offset of the event's first byte. */
    long offset();

    /** A whole frame with a good LRC; {@code payload} is between STX and ETX, bit 7 already cleared. */
    record Frame(byte[] payload, int lrc, long offset) implements ConcertFrameEvent {
        public Frame {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        public String text() {
            return new String(payload, StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return "Frame[" + payload.length + " chars, LRC " + Hex.format(lrc) + " at " + offset + "]";
        }
    }

    /** A control byte outside a frame: ENQ, ACK, NAK or EOT. */
    record Control(ConcertControl control, long offset) implements ConcertFrameEvent {
    }

    /** Why a frame was not delivered. Every one of them is answered with NAK by a receiver. */
    enum Problem {
        /** The byte after ETX is not the XOR of the bytes after STX up to and including ETX. */
        BAD_LRC,
        /** STX or a link control (ENQ, ACK, NAK, EOT) arrived before ETX: the frame was cut and something new began. */
        CUT,
        /** The line stayed silent inside a frame for longer than the inter-byte gap. */
        GAP,
        /** The payload grew beyond the parser's maximum without an ETX. */
        OVERSIZE,
        /** A byte had bit 7 set on a line where the data must be 7-bit (8N1 with the strict bit-7 policy). */
        HIGH_BIT
    }

    /** A frame that started (STX) but cannot be delivered. {@code raw} holds the bytes of it seen so far. */
    record Corrupt(byte[] raw, Problem problem, String reason, long offset) implements ConcertFrameEvent {
        public Corrupt {
            raw = raw.clone();
        }

        @Override
        public byte[] raw() {
            return raw.clone();
        }

        @Override
        public String toString() {
            return "Corrupt[" + problem + " at " + offset + ": " + reason + "]";
        }
    }

    /** Bytes outside any frame that are not link controls (line noise, wrong baud rate, a stray ETX). */
    record Garbage(byte[] bytes, long offset) implements ConcertFrameEvent {
        public Garbage {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return "Garbage[" + Hex.format(bytes) + " at " + offset + "]";
        }
    }
}
