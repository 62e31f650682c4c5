package io.firstsettle.ecr.concert;

import io.firstsettle.core.Hex;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a captured Concert byte stream (both directions interleaved, as a line sniffer records it) frame by frame:
 * one line per control byte, frame or defect. Requests are told from answers by their length (§B: 34 or 28 chars
 * for a request, 80 or 25 for an answer). Card data in a full answer's report is masked.
 */
public final class ConcertTraceDecoder {

    /** How the trace came out; the CLI exits with {@link #exitCode()}. */
    public enum Verdict {
        /** Every frame has a good LRC and readable fields. */
        GOOD(0),
        /** A bad LRC, a cut or truncated frame, bytes outside any frame, or a frame whose fields do not read. */
        DEFECTS(1),
        /** Nothing to decode: not hex, or empty. */
        UNUSABLE(2);

        private final int exitCode;

        Verdict(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public record Report(List<String> lines, Verdict verdict) {
        public Report {
            lines = List.copyOf(lines);
        }
    }

    private ConcertTraceDecoder() {
    }

    /** Decodes hex text (spaces, newlines, 0x prefixes allowed). */
    public static Report decodeHex(String hex, ConcertFrameParser.Bit7 bit7) {
        byte[] bytes;
        try {
            bytes = Hex.parse(hex);
        } catch (IllegalArgumentException e) {
            return new Report(List.of("unusable input: " + e.getMessage()), Verdict.UNUSABLE);
        }
        if (bytes.length == 0) {
            return new Report(List.of("unusable input: no bytes to decode; give the captured bytes as hex,"
                    + " e.g. 05 06 02 30 31 ... 03 03"), Verdict.UNUSABLE);
        }
        return decode(bytes, bit7);
    }

    public static Report decode(byte[] bytes, ConcertFrameParser.Bit7 bit7) {
        ConcertFrameParser parser = new ConcertFrameParser(bit7);
        List<ConcertFrameEvent> events = new ArrayList<>(parser.feed(bytes));
        events.addAll(parser.endOfInput());
        List<String> lines = new ArrayList<>();
        boolean good = true;
        for (ConcertFrameEvent e : events) {
            String at = String.format("@%-5d ", e.offset());
            if (e instanceof ConcertFrameEvent.Control c) {
                lines.add(at + c.control() + "  " + c.control().meaning());
            } else if (e instanceof ConcertFrameEvent.Garbage g) {
                good = false;
                lines.add(at + "GARBAGE " + Hex.format(g.bytes()) + "  bytes outside any frame");
            } else if (e instanceof ConcertFrameEvent.Corrupt c) {
                good = false;
                lines.add(at + (c.problem() == ConcertFrameEvent.Problem.BAD_LRC ? "BAD LRC  " : c.problem() + "  ")
                        + c.reason());
            } else if (e instanceof ConcertFrameEvent.Frame f) {
                String head = at + "frame, " + f.payload().length + " chars, LRC good (" + Hex.format(f.lrc()) + "): ";
                try {
                    lines.add(head + describe(f.payload()));
                } catch (ConcertFormatException bad) {
                    good = false;
                    lines.add(head + "FIELDS DO NOT READ: " + bad.getMessage() + " — payload '"
                            + ConcertEvidence.payloadText(f.payload()) + "'");
                }
            }
        }
        return new Report(lines, good ? Verdict.GOOD : Verdict.DEFECTS);
    }

    private static String describe(byte[] payload) {
        RequestLayout layout = RequestLayout.ofLength(payload.length);
        if (layout != null) {
            return "request (" + layout + ") " + ConcertRequest.decode(payload);
        }
        if (payload.length == AnswerSize.FULL.payloadLength() || payload.length == AnswerSize.SHORT.payloadLength()) {
            return "answer " + ConcertAnswer.decode(payload);
        }
        throw new ConcertFormatException("length", 0, payload.length + " chars fits no §B message (requests 34 or"
                + " 28, answers 80 or 25)");
    }
}
