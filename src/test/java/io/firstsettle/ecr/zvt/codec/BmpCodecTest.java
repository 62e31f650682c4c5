package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.ecr.zvt.message.StatusInformation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

class BmpCodecTest {
    @Test
    void unknownBmpNamesItsApduOffset() {
        byte[] apdu = Hex.parse("04 0F 06 27 00 9F 01 02 03");
        ZvtFormatException e = assertThrows(ZvtFormatException.class, () -> BmpCodec.decode(apdu, 3, false));
        assertEquals(5, e.offset());
        assertTrue(e.getMessage().contains("unknown BMP 9F"), e.getMessage());
        assertTrue(e.getMessage().startsWith("at byte 5"), e.getMessage());
        ZvtFormatException viaMessage = assertThrows(ZvtFormatException.class,
                () -> StatusInformation.from(Apdu.decode(apdu)));
        assertEquals(5, viaMessage.offset());
    }

    @Test
    void tolerateUnknownKeepsTheRest() {
        byte[] apdu = Hex.parse("04 0F 06 27 00 9F 01 02 03");
        List<BmpField> f = BmpCodec.decode(apdu, 3, true);
        assertEquals(2, f.size());
        assertEquals(new BmpField(0x27, new byte[] {0}), f.get(0));
        assertEquals(BmpField.RAW_REST, f.get(1).tag());
        assertEquals("9F 01 02 03", Hex.format(f.get(1).value()));
        assertEquals("27 00 9F 01 02 03", Hex.format(BmpCodec.encode(f)));
    }

    @Test
    void llvarAndLllvar() {
        List<BmpField> f = BmpCodec.decode(Hex.parse("22 F0 F3 01 23 45 3C F0 F0 F2 41 42"));
        assertEquals("01 23 45", Hex.format(f.get(0).value()));
        assertEquals("41 42", Hex.format(f.get(1).value()));
        assertEquals("22 F0 F3 01 23 45 3C F0 F0 F2 41 42", Hex.format(BmpCodec.encode(f)));
        assertEquals("F1 F0 F0", Hex.format(BmpCodec.varPrefix(100, 3, 0x3C)));
    }

    @Test
    void badLlvarDigit() {
        ZvtFormatException e = assertThrows(ZvtFormatException.class,
                () -> BmpCodec.decode(Hex.parse("27 00 22 F0 A3 01"), 0, false));
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("found A3"), e.getMessage());
    }

    @Test
    void truncatedFixedBmp() {
        ZvtFormatException e = assertThrows(ZvtFormatException.class, () -> BmpCodec.decode(Hex.parse("04 00 00 12")));
        assertTrue(e.getMessage().contains("needs 6 value bytes"), e.getMessage());
    }

    @Test
    void tlvContainerKeepsBerLength() {
        for (String hex : List.of("06 00", "06 03 1F 1F 00", "06 81 02 41 00", "06 82 00 02 41 00")) {
            List<BmpField> f = BmpCodec.decode(Hex.parse(hex));
            assertEquals(1, f.size());
            assertEquals(hex, Hex.format(BmpCodec.encode(f)), hex);
        }
        byte[] big = new byte[300];
        byte[] len = BmpCodec.berLength(big.length);
        assertEquals("82 01 2C", Hex.format(len));
        ZvtFormatException e = assertThrows(ZvtFormatException.class, () -> BmpCodec.decode(Hex.parse("06 83 00 00 01")));
        assertEquals(1, e.offset());
    }

    @Test
    void panIsMaskedInToString() {
        BmpField pan = new BmpField(0x22, Hex.parse("47 61 73 90 01 01 00 10"));
        String s = pan.toString();
        assertEquals("BMP 22 PAN / EF_ID = 476173******0010", s);
        assertFalse(s.contains("4761739001010010"));
        BmpField t2 = new BmpField(0x23, Hex.parse("47 61 73 90 01 01 00 10 D2 51 22 01 23 4F"));
        assertFalse(t2.toString().contains("4761739001010010"), t2.toString());
        assertFalse(t2.toString().contains("2512"), t2.toString());
        assertTrue(t2.toString().contains("476173******0010="), t2.toString());
    }

    @Test
    void encodeMaskedPan() {
        assertEquals("F0 F8 55 98 83 EE EE EE 80 74", Hex.format(StatusInformation.encodeMaskedPan("559883******8074")));
        assertEquals("F0 F8 55 98 83 EE EE EE 80 7F", Hex.format(StatusInformation.encodeMaskedPan("559883******807")));
    }

    @Test
    void maskedPanNeverShowsFullDigits() {
        StatusInformation s = StatusInformation.builder().field(new BmpField(0x22, Hex.parse("47 61 73 90 01 01 00 10")))
                .build();
        assertEquals("476173******0010", s.maskedPan().orElseThrow());
        assertFalse(s.toString().contains("4761739001010010"), s.toString());
    }

    @Test
    void fixedLengthIsEnforcedOnEncode() {
        assertThrows(IllegalArgumentException.class, () -> BmpCodec.encode(List.of(new BmpField(0x04, new byte[5]))));
    }

    @Test
    void bcd() {
        assertArrayEquals(Hex.parse("00 00 00 01 10 00"), Bcd.encode(11000, 6));
        assertEquals(11000, Bcd.decode(Hex.parse("00 00 00 01 10 00"), 0, 6));
        assertEquals("000975", Bcd.digits(Hex.parse("00 09 75"), 0, 3));
        ZvtFormatException e = assertThrows(ZvtFormatException.class, () -> Bcd.decode(Hex.parse("12 3A"), 0, 2));
        assertEquals(1, e.offset());
        assertTrue(e.getMessage().contains("found 3A"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bcd.encode(1000, 1));
        assertThrows(IllegalArgumentException.class, () -> Bcd.encode(-1, 1));
    }
}
