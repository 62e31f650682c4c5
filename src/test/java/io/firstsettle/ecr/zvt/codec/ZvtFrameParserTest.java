package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZvtFrameParserTest {

    private static List<FrameEvent> feedAll(ZvtFrameParser p, byte[]... chunks) {
        List<FrameEvent> out = new ArrayList<>();
        for (byte[] c : chunks) {
            out.addAll(p.feed(c));
        }
        return out;
    }

    @Test
    void everySplitPointOfEveryVector() {
        for (ZvtVectors.Vector v : ZvtVectors.ALL) {
            byte[] f = v.frame();
            for (int cut = 0; cut <= f.length; cut++) {
                ZvtFrameParser p = new ZvtFrameParser();
                List<FrameEvent> first = p.feed(f, 0, cut);
                assertEquals(cut < f.length, p.midFrame() || cut == 0, v + " cut " + cut);
                List<FrameEvent> all = new ArrayList<>(first);
                all.addAll(p.feed(f, cut, f.length - cut));
                assertEquals(List.of(new FrameEvent.Frame(v.apdu())), all, v + " cut " + cut);
            }
        }
    }

    @Test
    void byteByByte() {
        for (ZvtVectors.Vector v : ZvtVectors.ALL) {
            ZvtFrameParser p = new ZvtFrameParser();
            List<FrameEvent> all = new ArrayList<>();
            for (byte b : v.frame()) {
                all.addAll(p.feed(new byte[] {b}));
            }
            assertEquals(List.of(new FrameEvent.Frame(v.apdu())), all, v.toString());
            assertFalse(p.midFrame());
        }
    }

    @Test
    void mergedFramesAndAcks() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(0x06);
        s.writeBytes(ZvtVectors.ALL.get(0).frame());
        s.write(0x06);
        s.writeBytes(ZvtVectors.ALL.get(19).frame()); // CRC low = 10
        s.write(0x15);
        s.writeBytes(ZvtVectors.ALL.get(21).frame()); // CRC high = 03
        List<FrameEvent> ev = new ZvtFrameParser().feed(s.toByteArray());
        assertEquals(List.of(new FrameEvent.Ack(), new FrameEvent.Frame(ZvtVectors.ALL.get(0).apdu()),
                new FrameEvent.Ack(), new FrameEvent.Frame(ZvtVectors.ALL.get(19).apdu()), new FrameEvent.Nak(),
                new FrameEvent.Frame(ZvtVectors.ALL.get(21).apdu())), ev);
    }

    @Test
    void bitFlipGivesBadCrc() {
        byte[] f = Hex.parse("10 02 06 00 06 12 34 56 BA 09 78 10 03 24 C3");
        f[5] ^= 0x01;
        List<FrameEvent> ev = new ZvtFrameParser().feed(f);
        assertEquals(1, ev.size());
        FrameEvent.Corrupt c = assertInstanceOf(FrameEvent.Corrupt.class, ev.get(0));
        assertTrue(c.reason().contains("bad CRC"), c.reason());
        assertTrue(c.reason().contains("received 24 C3"), c.reason());
        assertEquals(Hex.format(f), Hex.format(c.raw()));
    }

    @Test
    void flippedCrcByteGivesBadCrc() {
        byte[] f = Hex.parse("10 02 80 00 00 10 03 F5 1F");
        f[8] = 0x1E;
        FrameEvent.Corrupt c = assertInstanceOf(FrameEvent.Corrupt.class, new ZvtFrameParser().feed(f).get(0));
        assertTrue(c.reason().contains("expected F5 1F, received F5 1E"), c.reason());
    }

    @Test
    void dleFollowedByUnexpectedByte() {
        List<FrameEvent> ev = new ZvtFrameParser().feed(Hex.parse("10 02 06 10 44 00 10 03 00 00"));
        FrameEvent.Corrupt c = assertInstanceOf(FrameEvent.Corrupt.class, ev.get(0));
        assertTrue(c.reason().contains("unexpected byte 44 at frame byte 4"), c.reason());
    }

    @Test
    void dleStxInsideFrameRestarts() {
        byte[] good = ZvtVectors.ALL.get(5).frame();
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(Hex.parse("10 02 06 01"));
        s.writeBytes(good);
        List<FrameEvent> ev = new ZvtFrameParser().feed(s.toByteArray());
        assertEquals(2, ev.size());
        assertInstanceOf(FrameEvent.Corrupt.class, ev.get(0));
        assertEquals(new FrameEvent.Frame(ZvtVectors.ALL.get(5).apdu()), ev.get(1));
    }

    @Test
    void truncatedThenGapExpired() {
        ZvtFrameParser p = new ZvtFrameParser();
        assertEquals(List.of(), p.feed(Hex.parse("10 02 06 01 0A 04 00")));
        assertTrue(p.midFrame());
        List<FrameEvent> ev = p.gapExpired();
        FrameEvent.Corrupt c = assertInstanceOf(FrameEvent.Corrupt.class, ev.get(0));
        assertTrue(c.reason().startsWith("inter-byte gap"), c.reason());
        assertEquals("10 02 06 01 0A 04 00", Hex.format(c.raw()));
        assertFalse(p.midFrame());
        assertEquals(List.of(), p.gapExpired());
        // the parser is usable again
        assertEquals(List.of(new FrameEvent.Frame(Hex.parse("80 00 00"))), p.feed(Hex.parse("10 02 80 00 00 10 03 F5 1F")));
    }

    @Test
    void gapBetweenCrcBytes() {
        ZvtFrameParser p = new ZvtFrameParser();
        p.feed(Hex.parse("10 02 80 00 00 10 03 F5"));
        assertTrue(p.midFrame());
        assertEquals(1, p.gapExpired().size());
    }

    @Test
    void gapOutsideFrameIsNothing() {
        ZvtFrameParser p = new ZvtFrameParser();
        p.feed(Hex.parse("06"));
        assertEquals(List.of(), p.gapExpired());
    }

    @Test
    void oversizeFrameThenResync() {
        ZvtFrameParser p = new ZvtFrameParser(8);
        byte[] big = ZvtSerialFrame.encode(Hex.parse("06 D1 08 06 15 06 15 06 15 06 15")); // 11 bytes, ACK/NAK-like data
        byte[] ok = ZvtSerialFrame.encode(Hex.parse("80 00 00"));
        List<FrameEvent> ev = feedAll(p, big, ok);
        assertEquals(2, ev.size(), ev.toString());
        FrameEvent.Corrupt c = assertInstanceOf(FrameEvent.Corrupt.class, ev.get(0));
        assertTrue(c.reason().startsWith("oversize"), c.reason());
        assertEquals(new FrameEvent.Frame(Hex.parse("80 00 00")), ev.get(1));
    }

    @Test
    void garbageBetweenFramesIsCoalesced() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(Hex.parse("FF 00 41"));
        s.writeBytes(ZvtVectors.ALL.get(5).frame());
        s.writeBytes(Hex.parse("10 41 42"));
        s.write(0x06);
        List<FrameEvent> ev = new ZvtFrameParser().feed(s.toByteArray());
        assertEquals(List.of(new FrameEvent.Garbage(Hex.parse("FF 00 41")), new FrameEvent.Frame(Hex.parse("80 00 00")),
                new FrameEvent.Garbage(Hex.parse("10 41 42")), new FrameEvent.Ack()), ev);
    }

    @Test
    void frameStartOffsetsAreTracked() {
        ZvtFrameParser p = new ZvtFrameParser();
        p.feed(Hex.parse("06 06 10 02 80 00 00 10 03 F5 1F"));
        assertEquals(2, p.frameStart());
        assertEquals(11, p.position());
    }

    @Test
    void toStringsAreHex() {
        assertEquals("Frame[80 00 00]", new FrameEvent.Frame(Hex.parse("80 00 00")).toString());
        assertEquals("Garbage[FF 10]", new FrameEvent.Garbage(Hex.parse("FF 10")).toString());
        assertEquals("Corrupt[x: 10 02]", new FrameEvent.Corrupt(Hex.parse("10 02"), "x").toString());
        assertEquals("Ack[06]", new FrameEvent.Ack().toString());
        assertEquals("Nak[15]", new FrameEvent.Nak().toString());
    }
}
