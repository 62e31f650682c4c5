package io.firstsettle.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The telnet state machine, byte by byte: no sockets. */
class TelnetCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @Test
    void plainDataPassesAndIacIacIsOneFf() {
        TelnetCodec c = new TelnetCodec();
        TelnetCodec.Decoded d = c.feed(hex("10 02 FF FF 06 FF FF"), 0, 7);
        assertArrayEquals(hex("10 02 FF 06 FF"), d.data());
        assertTrue(d.commands().isEmpty());
        assertFalse(c.midCommand());
    }

    @Test
    void negotiationAndSubnegotiationAreStrippedFromData() {
        TelnetCodec c = new TelnetCodec();
        // 41 | IAC DO 44 | 42 | IAC SB 44 65 00 00 25 80 IAC SE | 43 | IAC NOP | 44
        byte[] in = hex("41 FFFD2C 42 FFFA2C650000258 0FFF0 43 FFF1 44");
        TelnetCodec.Decoded d = c.feed(in, 0, in.length);
        assertArrayEquals(hex("41 42 43 44"), d.data());
        assertEquals(3, d.commands().size());
        assertEquals(new TelnetCodec.Negotiation(TelnetCodec.DO, 44), d.commands().get(0));
        TelnetCodec.Subnegotiation sb = assertInstanceOf(TelnetCodec.Subnegotiation.class, d.commands().get(1));
        assertEquals(44, sb.option());
        assertArrayEquals(hex("65 00002580"), sb.payload());
        assertEquals(new TelnetCodec.Other(0xF1, "IAC 241"), d.commands().get(2));
    }

    @Test
    void sequencesSplitAtEveryPointGiveTheSameResult() {
        byte[] in = hex("FFFF 01 FFFB00 FFFA2C01FFFF0000FFF0 FFFF 02 FFFE03 03");
        TelnetCodec whole = new TelnetCodec();
        TelnetCodec.Decoded ref = whole.feed(in, 0, in.length);
        assertArrayEquals(hex("FF 01 FF 02 03"), ref.data());
        assertEquals(3, ref.commands().size());
        TelnetCodec.Subnegotiation sb = assertInstanceOf(TelnetCodec.Subnegotiation.class, ref.commands().get(1));
        assertArrayEquals(hex("01 FF 00 00"), sb.payload(), "IAC IAC inside SB is one FF");
        for (int cut = 1; cut < in.length; cut++) {
            TelnetCodec c = new TelnetCodec();
            TelnetCodec.Decoded a = c.feed(in, 0, cut);
            TelnetCodec.Decoded b = c.feed(in, cut, in.length - cut);
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.writeBytes(a.data());
            data.writeBytes(b.data());
            assertArrayEquals(ref.data(), data.toByteArray(), "cut at " + cut);
            List<String> cmds = new ArrayList<>();
            a.commands().forEach(x -> cmds.add(x.toString()));
            b.commands().forEach(x -> cmds.add(x.toString()));
            assertEquals(ref.commands().stream().map(Object::toString).toList(), cmds, "cut at " + cut);
        }
    }

    @Test
    void aLoneIacAtTheEndOfAReadWaitsForItsSecondHalf() {
        TelnetCodec c = new TelnetCodec();
        TelnetCodec.Decoded a = c.feed(hex("07 FF"), 0, 2);
        assertArrayEquals(hex("07"), a.data());
        assertTrue(c.midCommand());
        TelnetCodec.Decoded b = c.feed(hex("FF 08"), 0, 2);
        assertArrayEquals(hex("FF 08"), b.data());
        assertFalse(c.midCommand());
    }

    @Test
    void escapeDoublesEveryFfAndSubnegotiationEscapesItsPayload() {
        assertArrayEquals(hex("00 FFFF 10 FFFF FFFF"), TelnetCodec.escape(hex("00 FF 10 FF FF")));
        assertArrayEquals(hex("FFFA2C 01 000000FFFF FFF0"), TelnetCodec.subnegotiation(44, hex("01 000000FF")));
    }

    @Test
    void brokenOffOrOversizeSubnegotiationIsReportedNotDelivered() {
        TelnetCodec c = new TelnetCodec();
        // SB broken by IAC DO 1: the DO still counts
        byte[] in = hex("FFFA2C0102 FFFD01 09");
        TelnetCodec.Decoded d = c.feed(in, 0, in.length);
        assertArrayEquals(hex("09"), d.data());
        assertEquals(2, d.commands().size());
        assertInstanceOf(TelnetCodec.Other.class, d.commands().get(0));
        assertEquals(new TelnetCodec.Negotiation(TelnetCodec.DO, 1), d.commands().get(1));

        byte[] big = new byte[3 + TelnetCodec.MAX_SUBNEGOTIATION + 10 + 2];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xFA;
        big[2] = 44;
        big[big.length - 2] = (byte) 0xFF;
        big[big.length - 1] = (byte) 0xF0;
        TelnetCodec.Decoded o = new TelnetCodec().feed(big, 0, big.length);
        assertEquals(0, o.data().length);
        TelnetCodec.Other other = assertInstanceOf(TelnetCodec.Other.class, o.commands().get(0));
        assertTrue(other.note().contains("longer than"), other.note());
    }

    /** Property: any data, escaped, cut into random reads, decodes to itself with no commands. */
    @Test
    void randomDataSurvivesEscapeAndRandomSplits() {
        Random rnd = new Random(2217);
        for (int round = 0; round < 500; round++) {
            byte[] data = new byte[rnd.nextInt(200)];
            rnd.nextBytes(data);
            if (data.length > 0 && rnd.nextBoolean()) {
                data[rnd.nextInt(data.length)] = (byte) 0xFF;
            }
            byte[] wire = TelnetCodec.escape(data);
            TelnetCodec c = new TelnetCodec();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            int i = 0;
            while (i < wire.length) {
                int n = Math.min(wire.length - i, 1 + rnd.nextInt(7));
                TelnetCodec.Decoded d = c.feed(wire, i, n);
                assertTrue(d.commands().isEmpty(), "round " + round);
                got.writeBytes(d.data());
                i += n;
            }
            assertArrayEquals(data, got.toByteArray(), "round " + round + " seed 2217");
            assertFalse(c.midCommand());
        }
    }
}
