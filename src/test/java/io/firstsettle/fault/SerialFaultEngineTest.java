package io.firstsettle.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.Hex;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The pure serial-fault engine, with the frame vectors of protocols.md A.3 (CRC-16/KERMIT, low byte first). "to the
 * terminal" is the register's write side, "to the register" its read side.
 */
class SerialFaultEngineTest {
    /** Authorization 110.00 EUR, with a stuffed DLE in the amount (protocols.md A.3). */
    static final byte[] SALE = Hex.parse("10 02 06 01 0A 04 00 00 00 01 10 10 00 49 09 78 10 03 F2 FF");
    static final byte[] ACK80 = Hex.parse("10 02 80 00 00 10 03 F5 1F");
    static final byte[] INTERMEDIATE = Hex.parse("10 02 04 FF 01 17 10 03 1C 58");
    static final byte[] PRINT = Hex.parse("10 02 06 D1 19 00 47 65 73 61 6D 74 20 20 20 20 20 20 30 20 20 20 20 20 20"
            + " 20 30 2C 30 30 10 03 B5 AB");
    static final byte[] EOD = Hex.parse("10 02 06 50 03 00 00 00 10 03 FB 37");
    /** A Status-Information 04 0F 02 27 00 (result 00) framed by hand: CRC-16/KERMIT over APDU + ETX. */
    static final byte[] STATUS = frame(Hex.parse("04 0F 02 27 00"));

    static SerialFaultEngine engine(SerialFault f) {
        return new SerialFaultEngine(f, -1, 0);
    }

    static SerialFaultEngine engine(SerialFault f, Duration lasting) {
        return new SerialFaultEngine(f, lasting.toNanos(), 0);
    }

    static SerialFault fault(SerialAction a, SerialPoint p) {
        return new SerialFault(a, p, null, null, null, null, null, null, null);
    }

    static byte[] out(SerialFaultEngine.Result r) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        r.forward().forEach(p -> o.writeBytes(p.bytes()));
        return o.toByteArray();
    }

    static byte[] feed(SerialFaultEngine e, boolean toTerminal, byte[] b, long now) {
        return out(e.feed(toTerminal, b, 0, b.length, now));
    }

    /** The same bytes fed one at a time. */
    static byte[] feedBytewise(SerialFaultEngine e, boolean toTerminal, byte[] b, long now) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < b.length; i++) {
            o.writeBytes(out(e.feed(toTerminal, b, i, 1, now)));
        }
        return o.toByteArray();
    }

    @Test
    void flipHitsTheLastCrcByteOfTheNamedFrameOnceAndNothingElse() {
        SerialFaultEngine e = engine(fault(SerialAction.FLIP, SerialPoint.SALE_COMMAND));
        assertArrayEquals(EOD, feed(e, true, EOD, 1), "another command passes");
        assertArrayEquals(INTERMEDIATE, feed(e, false, INTERMEDIATE, 1), "the other way passes");
        byte[] bad = feedBytewise(e, true, SALE, 2);
        byte[] expected = SALE.clone();
        expected[expected.length - 1] ^= 0x01;
        assertArrayEquals(expected, bad);
        assertArrayEquals(SALE, feed(e, true, SALE, 3), "the repeat passes: frames defaults to 1");
    }

    @Test
    void dropNthTakesExactlyThatByteOfTheResult() {
        SerialFaultEngine e = engine(new SerialFault(SerialAction.DROP, SerialPoint.STATUS_INFORMATION, null, 7, null,
                null, null, null, null));
        byte[] got = feed(e, false, STATUS, 1);
        assertEquals(STATUS.length - 1, got.length);
        assertEquals(STATUS[7], got[6], "byte 7 (1-based) is gone, byte 8 moved up");
        assertArrayEquals(ACK80, feed(e, true, ACK80, 1));
    }

    @Test
    void swallowAckLosesTheTerminalsAckOfTheSaleOnly() {
        SerialFaultEngine e = engine(fault(SerialAction.SWALLOW_ACK, SerialPoint.SALE_COMMAND));
        assertArrayEquals(new byte[] {0x06}, feed(e, false, new byte[] {0x06}, 0), "an ACK before the sale passes");
        assertArrayEquals(SALE, feed(e, true, SALE, 1));
        assertArrayEquals(new byte[0], feed(e, false, new byte[] {0x06}, 2), "the ACK of the sale is lost");
        assertArrayEquals(new byte[] {0x06}, feed(e, false, new byte[] {0x06}, 3), "the ACK of the repeat passes");
    }

    @Test
    void cutAfterTheResultLetsTheResultPassThenNothingUntilTheWindowEnds() {
        SerialFaultEngine e = engine(new SerialFault(SerialAction.CUT, SerialPoint.AFTER_STATUS_INFORMATION, null, null,
                null, null, Duration.ofSeconds(1), null, null), Duration.ofMillis(100));
        assertArrayEquals(SALE, feed(e, true, SALE, 0));
        assertArrayEquals(STATUS, feed(e, false, STATUS, 1_000));
        assertArrayEquals(new byte[0], feed(e, true, new byte[] {0x06}, 2_000), "the register's ACK is cut");
        assertArrayEquals(new byte[0], feed(e, true, ACK80, 3_000));
        assertArrayEquals(new byte[0], feed(e, false, STATUS, 50_000_000), "the terminal's repeat is cut");
        assertTrue(e.windowOpen(99_000_000));
        assertArrayEquals(STATUS, feed(e, false, STATUS, 101_001_000), "plugged back in");
        assertTrue(e.spent(101_001_000));
    }

    @Test
    void nakStormSwallowsEachFrameAndNaksItsSender() {
        SerialFaultEngine e = engine(new SerialFault(SerialAction.NAK_STORM, SerialPoint.END_OF_DAY,
                SerialDirection.TO_TERMINAL, null, null, null, null, null, null), Duration.ofMillis(100));
        SerialFaultEngine.Result r = e.feed(true, EOD, 0, EOD.length, 0);
        assertArrayEquals(new byte[0], out(r));
        assertArrayEquals(new byte[] {0x15}, r.back());
        r = e.feed(true, EOD, 0, EOD.length, 1000);
        assertArrayEquals(new byte[] {0x15}, r.back(), "the repeat is NAKed too");
        assertArrayEquals(PRINT, feed(e, false, PRINT, 2000), "the other way passes");
        assertArrayEquals(EOD, feed(e, true, EOD, 200_000_000), "the storm is over");
    }

    @Test
    void garbageGoesAfterTheHitFrameAndHoldsNoControlByte() {
        SerialFaultEngine e = engine(new SerialFault(SerialAction.GARBAGE, SerialPoint.PRINT_LINES, null, null, null,
                2, null, null, null));
        byte[] got = feed(e, false, PRINT, 0);
        assertArrayEquals(PRINT, java.util.Arrays.copyOf(got, PRINT.length));
        for (int i = PRINT.length; i < got.length; i++) {
            assertTrue(got[i] != 0x10 && got[i] != 0x06 && got[i] != 0x15, "noise byte " + i);
        }
        assertEquals(PRINT.length + SerialFaultEngine.GARBAGE.length, got.length);
    }

    @Test
    void gapHoldsTheFrameBeyondT1AfterItsHeader() {
        SerialFaultEngine e = engine(new SerialFault(SerialAction.GAP, SerialPoint.STATUS_INFORMATION, null, null,
                null, null, null, 400, null));
        SerialFaultEngine.Result r = e.feed(false, STATUS, 0, STATUS.length, 0);
        assertEquals(2, r.forward().size());
        assertEquals(0, r.forward().get(0).pauseMillis());
        assertEquals(4, r.forward().get(0).bytes().length, "DLE STX 04 0F go first");
        assertEquals(400, r.forward().get(1).pauseMillis());
        assertArrayEquals(STATUS, out(r), "nothing is lost, only late");
    }

    @Test
    void baudMismatchTurnsEveryByteIntoNoiseThatIsNeverAControlByte() {
        SerialFaultEngine e = engine(fault(SerialAction.BAUD_MISMATCH, SerialPoint.APPLIED));
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] got = feed(e, true, all, 0);
        assertEquals(256, got.length);
        for (byte b : got) {
            assertTrue((b & 0x80) != 0, "noise stays in 80..FF");
        }
        assertEquals(256, feed(e, false, all, 0).length);
    }

    @Test
    void dropShareIsSeededAndTakesItsShare() {
        SerialFault f = new SerialFault(SerialAction.DROP, null, null, null, 0.25, null, null, null, 7L);
        byte[] data = new byte[4000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (0x20 + i % 64);
        }
        byte[] a = feed(engine(f), true, data, 0);
        byte[] b = feed(engine(f), true, data, 0);
        assertArrayEquals(a, b, "same seed, same losses");
        assertTrue(a.length > 2700 && a.length < 3300, "about a quarter lost: kept " + a.length);
    }

    @Test
    void framesWithAStuffedInstructionAreRecognised() {
        // Send Turnover Totals 06 10: INSTR is 0x10, stuffed on the wire as 10 10
        byte[] totals = frame(Hex.parse("06 10 03 00 00 00"));
        SerialFaultEngine e = engine(new SerialFault(SerialAction.DROP, SerialPoint.APPLIED,
                SerialDirection.TO_TERMINAL, 5, null, null, null, null, null));
        byte[] got = feedBytewise(e, true, totals, 0);
        assertEquals(totals.length - 1, got.length);
        assertEquals(0x03, got[4] & 0xFF, "the second DLE of the stuffed INSTR (byte 5) was dropped");
    }

    /** DLE STX, APDU with 0x10 doubled, DLE ETX, CRC-16/KERMIT over APDU + ETX, low byte first. */
    static byte[] frame(byte[] apdu) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0x10);
        o.write(0x02);
        int crc = 0;
        for (byte b : apdu) {
            o.write(b);
            if (b == 0x10) {
                o.write(0x10);
            }
            crc = kermit(crc, b);
        }
        crc = kermit(crc, (byte) 0x03);
        o.write(0x10);
        o.write(0x03);
        o.write(crc & 0xFF);
        o.write(crc >>> 8);
        return o.toByteArray();
    }

    static int kermit(int crc, byte b) {
        crc ^= b & 0xFF;
        for (int i = 0; i < 8; i++) {
            crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
        }
        return crc;
    }

    @Test
    void theHandFramerMatchesTheSpecVectors() {
        assertArrayEquals(EOD, frame(Hex.parse("06 50 03 00 00 00")));
        assertArrayEquals(SALE, frame(Hex.parse("06 01 0A 04 00 00 00 01 10 00 49 09 78")));
    }
}
