package io.firstsettle.ecr.zvt.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.Hex;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cutting a bare ZVT-over-TCP byte stream into APDUs by their length field. */
class ApduAssemblerTest {

    @Test
    void twoApdusInOneReadAreBothFound() {
        List<Apdu> got = new ApduAssembler().feed(Hex.parse("80 00 00 04 FF 01 17"));
        assertEquals(List.of(Apdu.POSITIVE_ACK, new Apdu(0x04, 0xFF, new byte[] {0x17})), got);
    }

    @Test
    void anApduSplitByteByByteCompletesOnItsLastByte() {
        ApduAssembler a = new ApduAssembler();
        byte[] b = Hex.parse("06 0F 0A 19 10 29 52 52 35 35 49 09 78");
        for (int i = 0; i < b.length - 1; i++) {
            assertEquals(List.of(), a.feed(b, i, 1));
            assertTrue(a.midApdu());
        }
        assertEquals(List.of(Apdu.decode(b)), a.feed(b, b.length - 1, 1));
        assertFalse(a.midApdu());
    }

    @Test
    void theExtendedLengthFfLoHiIsLittleEndian() {
        // 06 D3 FF 61 04: a real Print Text Block of 0x0461 data bytes (protocols.md A.10)
        byte[] data = new byte[0x0461];
        new Random(7).nextBytes(data);
        byte[] wire = new Apdu(0x06, 0xD3, data).encode();
        assertArrayEquals(Hex.parse("06 D3 FF 61 04"), java.util.Arrays.copyOf(wire, 5));
        ApduAssembler a = new ApduAssembler();
        assertEquals(List.of(), a.feed(wire, 0, 4)); // header cut inside FF lo hi
        assertEquals(List.of(new Apdu(0x06, 0xD3, data)), a.feed(wire, 4, wire.length - 4));
    }

    @Test
    void aTruncatedApduStaysPendingWithItsBytes() {
        ApduAssembler a = new ApduAssembler();
        assertEquals(List.of(), a.feed(Hex.parse("04 0F 05 27 00")));
        assertArrayEquals(Hex.parse("04 0F 05 27 00"), a.pending());
    }

    @Test
    void randomApdusInRandomSplitsComeOutUnchangedAndInOrder() {
        Random r = new Random(20007);
        for (int round = 0; round < 300; round++) {
            List<Apdu> sent = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int count = 1 + r.nextInt(6);
            for (int i = 0; i < count; i++) {
                int len = r.nextInt(10) == 0 ? 255 + r.nextInt(2000) : r.nextInt(255);
                byte[] data = new byte[len];
                r.nextBytes(data);
                Apdu a = new Apdu(r.nextInt(256), r.nextInt(256), data);
                sent.add(a);
                stream.writeBytes(a.encode());
            }
            byte[] all = stream.toByteArray();
            ApduAssembler asm = new ApduAssembler();
            List<Apdu> got = new ArrayList<>();
            int off = 0;
            while (off < all.length) {
                int n = Math.min(all.length - off, 1 + r.nextInt(r.nextBoolean() ? 4 : 700));
                got.addAll(asm.feed(all, off, n));
                off += n;
            }
            assertEquals(sent, got, "round " + round);
            assertFalse(asm.midApdu(), "round " + round);
        }
    }
}
