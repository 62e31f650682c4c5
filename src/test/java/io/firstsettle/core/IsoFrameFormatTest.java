package io.firstsettle.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

/** The shared ISO frame format, from bytes written here from protocols.md C.1, C.5 and D.1 (no jPOS). */
class IsoFrameFormatTest {
    /** len 00 0F | CUP header 60 0003 0000 613100 310003 | MTI 0200 BCD | 2 more bytes. */
    private static final byte[] CUP_FRAME = bytes("000F" + "6000030000" + "613100310003" + "0200" + "7020");
    /** len 00 0B | TPDU 60 0000 0001 | MTI "0800" ASCII | 2 more bytes. */
    private static final byte[] TPDU_ASCII_FRAME = bytes("000B" + "6000000001" + "30383030" + "2020");

    @Test
    void theMtiIsReadWhereTheHeaderEnds() {
        IsoFrameFormat cup = IsoFrameFormat.ofHeaderHex("6000030000613100310003");
        assertEquals(11, cup.headerBytes());
        assertEquals("0200", cup.mti(CUP_FRAME));
        assertArrayEquals(bytes("6000030000613100310003"), cup.headerOf(CUP_FRAME));
        assertEquals("6131", IsoFrameFormat.ofHeaderHex("6000000000").mti(CUP_FRAME),
                "a 5-byte reading of a CUP frame takes the application header for the MTI (the proxy's old bug)");
        assertEquals("0800", IsoFrameFormat.ofHeaderHex("6000000000").mti(TPDU_ASCII_FRAME), "ASCII MTI");
        assertEquals("????", cup.mti(bytes("0003600003")), "too short for an MTI");
    }

    @Test
    void framesAreReadWholeFromSplitAndMergedInput() throws Exception {
        byte[] two = new byte[CUP_FRAME.length + TPDU_ASCII_FRAME.length];
        System.arraycopy(CUP_FRAME, 0, two, 0, CUP_FRAME.length);
        System.arraycopy(TPDU_ASCII_FRAME, 0, two, CUP_FRAME.length, TPDU_ASCII_FRAME.length);
        InputStream oneByteAtATime = new ByteArrayInputStream(two) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(1, len));
            }
        };
        assertArrayEquals(CUP_FRAME, IsoFrameFormat.readFrame(oneByteAtATime));
        assertArrayEquals(TPDU_ASCII_FRAME, IsoFrameFormat.readFrame(oneByteAtATime));
        assertThrows(EOFException.class, () -> IsoFrameFormat.readFrame(oneByteAtATime), "clean end of stream");
        EOFException cut = assertThrows(EOFException.class, () -> IsoFrameFormat.readFrame(
                new ByteArrayInputStream(bytes("000F6000030000"))));
        assertTrue(cut.getMessage().contains("10 bytes short"), cut.getMessage());
    }

    @Test
    void aHeaderOfAnotherLengthIsRefusedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IsoFrameFormat.ofHeaderHex("60000000006131"));
        assertTrue(e.getMessage().contains("22"), e.getMessage());
        assertEquals(0, IsoFrameFormat.ofHeaderHex("").headerBytes(), "no header (PostChannel style)");
    }

    private static byte[] bytes(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
