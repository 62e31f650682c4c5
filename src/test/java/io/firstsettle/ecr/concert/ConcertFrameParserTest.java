package io.firstsettle.ecr.concert;

import static io.firstsettle.ecr.concert.ConcertVectors.bytes;
import static io.firstsettle.ecr.concert.ConcertVectors.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.ecr.concert.ConcertFrameEvent.Control;
import io.firstsettle.ecr.concert.ConcertFrameEvent.Corrupt;
import io.firstsettle.ecr.concert.ConcertFrameEvent.Frame;
import io.firstsettle.ecr.concert.ConcertFrameEvent.Garbage;
import io.firstsettle.ecr.concert.ConcertFrameEvent.Problem;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure Concert parser with §B byte vectors: whole, split, merged, garbled, truncated; no port. */
class ConcertFrameParserTest {

    static List<ConcertFrameEvent> feedAll(ConcertFrameParser p, byte[] data) {
        return p.feed(data);
    }

    @Test
    void theSectionBExampleWithLrcEqualToEtxIsOneFrame() {
        byte[] f = bytes(ConcertVectors.SALE_1234_HEX);
        assertEquals(37, f.length, "STX + 34 chars + ETX + LRC");
        assertEquals(0x03, f[36], "the vector's LRC is ETX's value");
        List<ConcertFrameEvent> ev = new ConcertFrameParser().feed(f);
        assertEquals(1, ev.size(), ev.toString());
        Frame frame = assertInstanceOf(Frame.class, ev.get(0));
        assertArrayEquals(payload(ConcertVectors.SALE_1234_HEX), frame.payload());
        assertEquals(0x03, frame.lrc());
        assertEquals(0, frame.offset());
    }

    @Test
    void anLrcEqualToStxDoesNotStartANewFrame() {
        ConcertFrameParser p = new ConcertFrameParser();
        List<ConcertFrameEvent> ev = p.feed(bytes(ConcertVectors.SALE_0005_LRC_STX_HEX + " 04"));
        assertEquals(2, ev.size(), ev.toString());
        assertEquals(0x02, assertInstanceOf(Frame.class, ev.get(0)).lrc());
        assertEquals(ConcertControl.EOT, assertInstanceOf(Control.class, ev.get(1)).control());
        assertFalse(p.midFrame());
    }

    @Test
    void answersOfBothSizesParse() {
        assertEquals(83, bytes(ConcertVectors.FULL_APPROVED_HEX).length);
        assertEquals(28, bytes(ConcertVectors.SHORT_DECLINED_HEX).length);
        List<ConcertFrameEvent> ev = new ConcertFrameParser().feed(
                bytes(ConcertVectors.FULL_APPROVED_HEX + " " + ConcertVectors.SHORT_DECLINED_HEX));
        assertEquals(2, ev.size(), ev.toString());
        assertEquals(80, assertInstanceOf(Frame.class, ev.get(0)).payload().length);
        assertEquals(25, assertInstanceOf(Frame.class, ev.get(1)).payload().length);
        assertEquals(83, ev.get(1).offset());
    }

    @Test
    void everySplitOfTheHandshakeGivesTheSameEvents() {
        byte[] stream = bytes("05 " + ConcertVectors.SALE_1234_HEX + " 04 06 15");
        List<String> whole = describe(new ConcertFrameParser().feed(stream));
        assertEquals(List.of("ENQ", "frame 34", "EOT", "ACK", "NAK"), whole);
        for (int cut = 1; cut < stream.length; cut++) {
            ConcertFrameParser p = new ConcertFrameParser();
            List<ConcertFrameEvent> ev = new ArrayList<>(p.feed(stream, 0, cut));
            ev.addAll(p.feed(stream, cut, stream.length - cut));
            assertEquals(whole, describe(ev), "split at " + cut);
        }
        ConcertFrameParser bytewise = new ConcertFrameParser();
        List<ConcertFrameEvent> ev = new ArrayList<>();
        for (byte b : stream) {
            ev.addAll(bytewise.feed(new byte[] {b}));
        }
        assertEquals(whole, describe(ev), "byte by byte");
    }

    @Test
    void aFlippedBitGivesBadLrcAndTheNextFrameStillParses() {
        byte[] f = bytes(ConcertVectors.SALE_1234_HEX);
        f[5] ^= 0x01;
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(f);
        s.writeBytes(bytes(ConcertVectors.SALE_1234_HEX));
        List<ConcertFrameEvent> ev = new ConcertFrameParser().feed(s.toByteArray());
        assertEquals(2, ev.size(), ev.toString());
        Corrupt c = assertInstanceOf(Corrupt.class, ev.get(0));
        assertEquals(Problem.BAD_LRC, c.problem());
        assertTrue(c.reason().contains("expected 02") && c.reason().contains("received 03"), c.reason());
        assertEquals(37, c.raw().length);
        assertInstanceOf(Frame.class, ev.get(1));
    }

    @Test
    void aFrameCutByStxIsCorruptAndTheNewOneParses() {
        byte[] cut = bytes("02 30 31 30 30 " + ConcertVectors.SALE_1234_HEX);
        List<ConcertFrameEvent> ev = new ConcertFrameParser().feed(cut);
        assertEquals(List.of("corrupt CUT", "frame 34"), describe(ev));
        assertEquals(5, ev.get(1).offset());
    }

    @Test
    void aFrameBrokenOffWithEotIsCorruptAndTheEotCounts() {
        List<ConcertFrameEvent> ev = new ConcertFrameParser().feed(bytes("02 30 31 30 04 05"));
        assertEquals(List.of("corrupt CUT", "EOT", "ENQ"), describe(ev));
    }

    @Test
    void silenceMidFrameCutsItButNotBetweenFrames() {
        ConcertFrameParser p = new ConcertFrameParser();
        assertEquals(List.of(), p.gapExpired(), "nothing open, nothing cut");
        byte[] f = bytes(ConcertVectors.SALE_1234_HEX);
        assertEquals(List.of(), p.feed(f, 0, 36), "all but the LRC");
        assertTrue(p.midFrame());
        List<ConcertFrameEvent> ev = p.gapExpired();
        Corrupt c = assertInstanceOf(Corrupt.class, ev.get(0));
        assertEquals(Problem.GAP, c.problem());
        assertTrue(c.reason().contains("after ETX, before the LRC"), c.reason());
        assertFalse(p.midFrame());
        assertEquals(List.of("frame 34"), describe(p.feed(f)), "the repeat parses");
    }

    @Test
    void truncatedCaptureIsReportedAtEndOfInput() {
        ConcertFrameParser p = new ConcertFrameParser();
        byte[] f = bytes(ConcertVectors.FULL_APPROVED_HEX);
        assertEquals(List.of(), p.feed(f, 0, 40));
        List<ConcertFrameEvent> ev = p.endOfInput();
        assertEquals(List.of("corrupt GAP"), describe(ev));
        assertTrue(((Corrupt) ev.get(0)).reason().contains("after 39 payload chars"), ev.toString());
    }

    @Test
    void garbageAroundControlsIsCoalescedAndAStrayEtxIsGarbage() {
        List<ConcertFrameEvent> ev = new ConcertFrameParser().feed(bytes("41 42 03 06 7E 7F"));
        assertEquals(List.of("garbage 41 42 03", "ACK", "garbage 7E 7F"), describe(ev));
        assertEquals(4, ev.get(2).offset());
    }

    @Test
    void bit7IsStrippedOnA7E1LineAndRejectedOnAnStrictLine() {
        // the §B example as an 8N1 port sees a 7E1 line: bit 7 is the even-parity bit of each byte
        byte[] f = bytes(ConcertVectors.SALE_1234_HEX);
        byte[] withParity = new byte[f.length];
        for (int i = 0; i < f.length; i++) {
            int b = f[i] & 0x7F;
            withParity[i] = (byte) (Integer.bitCount(b) % 2 == 1 ? b | 0x80 : b);
        }
        List<ConcertFrameEvent> stripped = new ConcertFrameParser(ConcertFrameParser.Bit7.STRIP).feed(withParity);
        assertArrayEquals(payload(ConcertVectors.SALE_1234_HEX), assertInstanceOf(Frame.class, stripped.get(0)).payload());

        List<ConcertFrameEvent> strict = new ConcertFrameParser(ConcertFrameParser.Bit7.REJECT).feed(
                bytes("02 30 B1 03 01"));
        Corrupt c = assertInstanceOf(Corrupt.class, strict.get(0));
        assertEquals(Problem.HIGH_BIT, c.problem());
        assertTrue(c.reason().contains("payload char 1"), c.reason());
    }

    @Test
    void anEndlessFrameIsOversizeNotAnOutOfMemory() {
        ConcertFrameParser p = new ConcertFrameParser(ConcertFrameParser.Bit7.STRIP, 100);
        byte[] body = new byte[5000];
        java.util.Arrays.fill(body, (byte) 0x30);
        List<ConcertFrameEvent> ev = new ArrayList<>(p.feed(new byte[] {2}));
        ev.addAll(p.feed(body));
        ev.addAll(p.feed(bytes("03 00 05")));
        assertEquals(List.of("corrupt OVERSIZE", "ENQ"), describe(ev));
        assertTrue(((Corrupt) ev.get(0)).raw().length <= 103, "STX, 100 kept chars, ETX, LRC");
    }

    @Test
    void randomNoiseNeverThrowsAndFramesAfterItStillParse() {
        Random r = new Random(42);
        for (int run = 0; run < 200; run++) {
            ConcertFrameParser p = new ConcertFrameParser(run % 2 == 0 ? ConcertFrameParser.Bit7.STRIP
                    : ConcertFrameParser.Bit7.REJECT);
            byte[] noise = new byte[r.nextInt(200)];
            r.nextBytes(noise);
            p.feed(noise);
            p.gapExpired();
            List<ConcertFrameEvent> ev = p.feed(bytes(ConcertVectors.SALE_1234_HEX));
            assertEquals(List.of("frame 34"), describe(ev), "run " + run);
        }
    }

    @Test
    void theEncoderRefusesWhatTheProtocolCannotCarry() {
        assertThrows(IllegalArgumentException.class, () -> ConcertFrame.encode(new byte[] {0x30, 0x03}));
        assertThrows(IllegalArgumentException.class, () -> ConcertFrame.encode(new byte[] {(byte) 0xC1}));
        assertArrayEquals(bytes(ConcertVectors.SALE_1234_HEX),
                ConcertFrame.encode(payload(ConcertVectors.SALE_1234_HEX)), "our encoder agrees with §B's example");
    }

    static List<String> describe(List<ConcertFrameEvent> events) {
        List<String> out = new ArrayList<>();
        for (ConcertFrameEvent e : events) {
            if (e instanceof Frame f) {
                out.add("frame " + f.payload().length);
            } else if (e instanceof Control c) {
                out.add(c.control().name());
            } else if (e instanceof Corrupt c) {
                out.add("corrupt " + c.problem());
            } else if (e instanceof Garbage g) {
                out.add("garbage " + io.firstsettle.core.Hex.format(g.bytes()));
            }
        }
        return out;
    }
}
