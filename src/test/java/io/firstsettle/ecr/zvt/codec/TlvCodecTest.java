package io.firstsettle.ecr.zvt.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BMP 06 codec against byte vectors written by hand from the spec rules quoted in protocols.md A.5 (BER lengths
 * 00..7F / 81 xx / 82 hi lo big-endian; a tag continues while its first byte's low 5 bits are 11111 and each next
 * byte has bit 8 set), never produced by our own encoder.
 */
class TlvCodecTest {
    private static List<TlvObject> container(String hex) {
        return TlvCodec.decodeContainer(Hex.parse(hex));
    }

    @Test
    void emptyContainerHasNoObjects() {
        assertEquals(List.of(), container("06 00"));
    }

    @Test
    void knownTagsWithTheirNames() {
        List<TlvObject> o = container("06 07 1F 07 01 02 14 01 FF");
        assertEquals(2, o.size());
        assertEquals(0x1F07, o.get(0).tag());
        assertEquals("1F07", o.get(0).tagHex());
        assertArrayEquals(new byte[] {0x02}, o.get(0).value());
        assertEquals("receipt type", o.get(0).name().orElseThrow());
        assertEquals(0x14, o.get(1).tag());
        assertEquals("ISO character set", o.get(1).name().orElseThrow());
    }

    @Test
    void unknownTagIsKeptAsTagAndHex() {
        // DF = 1101 1111: low 5 bits 11111, so a second tag byte follows; DF01 is no ZVT tag we name
        List<TlvObject> o = container("06 04 DF 01 01 AA");
        assertEquals(1, o.size());
        assertEquals(0xDF01, o.get(0).tag());
        assertTrue(o.get(0).name().isEmpty());
        assertEquals("TLV DF01 = AA", o.get(0).toString());
    }

    @Test
    void threeByteTag() {
        // 1F 81 01: the second byte has bit 8 set, so a third follows
        List<TlvObject> o = container("06 05 1F 81 01 01 55");
        assertEquals(0x1F8101, o.get(0).tag());
        assertArrayEquals(new byte[] {0x55}, o.get(0).value());
    }

    @Test
    void oneByteBerLength81() {
        String text = "41 ".repeat(128);
        List<TlvObject> o = container("06 81 83 07 81 80 " + text);
        assertEquals(1, o.size());
        assertEquals(128, o.get(0).value().length);
    }

    @Test
    void twoByteBerLength82IsBigEndian() {
        String text = "42 ".repeat(256);
        // container 82 01 04 = 260 bytes (not 0x0401), object 82 01 00 = 256 bytes
        List<TlvObject> o = container("06 82 01 04 07 82 01 00 " + text);
        assertEquals(256, o.get(0).value().length);
    }

    @Test
    void constructedTagHoldsObjects() {
        TlvObject printTexts = container("06 0A 25 08 07 02 48 49 07 02 4F 4B").get(0);
        assertTrue(printTexts.constructed());
        List<TlvObject> lines = printTexts.children();
        assertEquals(List.of(new TlvObject(0x07, "HI".getBytes()), new TlvObject(0x07, "OK".getBytes())), lines);
        assertFalse(lines.get(0).constructed());
    }

    @Test
    void encodesTheShortestBerFormsByteExact() {
        String[] vectors = {"06 00", "06 07 1F 07 01 02 14 01 FF", "06 04 DF 01 01 AA", "06 05 1F 81 01 01 55",
            "06 81 83 07 81 80 " + "41 ".repeat(128), "06 82 01 04 07 82 01 00 " + "42 ".repeat(256)};
        for (String v : vectors) {
            byte[] bytes = Hex.parse(v);
            BmpField rebuilt = TlvCodec.container(TlvCodec.decodeContainer(bytes));
            assertArrayEquals(bytes, BmpCodec.encode(List.of(rebuilt)), v);
        }
    }

    @Test
    void containerLongerThanTheBytesIsTruncated() {
        ZvtFormatException e = assertThrows(ZvtFormatException.class, () -> container("06 05 1F 07 01 02"));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void objectLongerThanItsContainerIsTruncated() {
        ZvtFormatException e = assertThrows(ZvtFormatException.class, () -> container("06 04 1F 07 03 01"));
        assertTrue(e.getMessage().contains("1F07") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void tagCutOffAfterItsFirstByte() {
        ZvtFormatException e = assertThrows(ZvtFormatException.class, () -> container("06 01 1F"));
        assertTrue(e.getMessage().contains("more tag bytes"), e.getMessage());
    }

    @Test
    void berLengthFormsZvtDoesNotUse() {
        ZvtFormatException indefinite = assertThrows(ZvtFormatException.class, () -> container("06 03 07 80 00"));
        assertTrue(indefinite.getMessage().contains("BER length 80"), indefinite.getMessage());
        ZvtFormatException cut = assertThrows(ZvtFormatException.class, () -> container("06 02 07 81"));
        assertTrue(cut.getMessage().contains("81 needs one more byte"), cut.getMessage());
        ZvtFormatException cut2 = assertThrows(ZvtFormatException.class, () -> container("06 03 07 82 01"));
        assertTrue(cut2.getMessage().contains("82 needs two more bytes"), cut2.getMessage());
        assertThrows(ZvtFormatException.class, () -> container("06 81"));
    }

    @Test
    void bytesAfterTheContainerAreNamed() {
        ZvtFormatException e = assertThrows(ZvtFormatException.class, () -> container("06 00 00"));
        assertEquals(2, e.offset());
    }
}
