package io.firstsettle.fault;

import io.firstsettle.core.Hex;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Concert fault engine recognises the moments of an E+ exchange in bytes alone (protocols.md §B): the register's
 * request frame (the sale command), the terminal's answer frame (the result), the terminal's ENQ that hands over the
 * result, and the end of a frame at the byte after ETX even when that LRC byte equals ETX.
 */
class ConcertFaultEngineTest {
    static final byte ENQ = 0x05;
    static final byte ACK = 0x06;
    static final byte EOT = 0x04;
    /** §B's example request: 12.34 EUR, POS 01, full answer, card, debit, A010, B010; its LRC is 03 = ETX. */
    static final byte[] SALE = Hex.parse("02 30 31 30 30 30 30 31 32 33 34 31 31 30 39 37 38"
            + " 20 20 20 20 20 20 20 20 20 20 41 30 31 30 42 30 31 30 03 03");
    /** The same request as a refund (transaction type '2'): not the sale command. */
    static final byte[] REFUND = frame("0100001234112978          A010B010");
    /** A short answer (28 bytes): POS 01, status 7, 12.34, card, 978, no private data. */
    static final byte[] ANSWER = frame("01700001234197" + "8          ");

    /** STX payload ETX LRC, the LRC computed here from §B: XOR of everything after STX up to and including ETX. */
    static byte[] frame(String payload) {
        byte[] p = payload.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] f = new byte[p.length + 3];
        f[0] = 0x02;
        System.arraycopy(p, 0, f, 1, p.length);
        f[p.length + 1] = 0x03;
        byte lrc = 0;
        for (int i = 1; i <= p.length + 1; i++) {
            lrc ^= f[i];
        }
        f[p.length + 2] = lrc;
        return f;
    }

    static ConcertFaultEngine engine(SerialAction a, SerialPoint p, SerialDirection d, Integer nth, Integer frames) {
        return new ConcertFaultEngine(new SerialFault(a, p, d, nth, null, frames, null, null, null), -1, 0);
    }

    /** Feeds {@code b} one byte at a time (as a slow line delivers it) and returns what passed on. */
    static byte[] feed(LineFaultEngine e, boolean toTerminal, byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte x : b) {
            e.feed(toTerminal, new byte[] {x}, 0, 1, 0).forward().forEach(p -> o.writeBytes(p.bytes()));
        }
        return o.toByteArray();
    }

    static byte[] feedAll(LineFaultEngine e, boolean toTerminal, byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        e.feed(toTerminal, b, 0, b.length, 0).forward().forEach(p -> o.writeBytes(p.bytes()));
        return o.toByteArray();
    }

    @Test
    void theSectionBExampleEndsAtTheByteAfterEtxThoughItsLrcIsEtx() {
        assertEquals(0x03, SALE[SALE.length - 1], "the §B example's LRC equals ETX");
        assertArrayEquals(SALE, frame("0100001234110978          A010B010"), "our LRC agrees with §B's vector");
        LineFaultEngine e = engine(SerialAction.GARBAGE, SerialPoint.SALE_COMMAND, null, null, null);
        byte[] out = feed(e, true, SALE);
        byte[] expected = Arrays.copyOf(SALE, SALE.length + ConcertFaultEngine.GARBAGE.length);
        System.arraycopy(ConcertFaultEngine.GARBAGE, 0, expected, SALE.length, ConcertFaultEngine.GARBAGE.length);
        assertArrayEquals(expected, out, "noise right after the LRC (03), not after the ETX before it");
    }

    @Test
    void aFlipAtTheSaleCommandHitsTheRequestsLrcOnly() {
        LineFaultEngine e = engine(SerialAction.FLIP, SerialPoint.SALE_COMMAND, null, null, null);
        assertArrayEquals(new byte[] {ENQ}, feed(e, true, new byte[] {ENQ}), "the ENQ passes");
        byte[] out = feed(e, true, SALE);
        byte[] expected = SALE.clone();
        expected[expected.length - 1] ^= 0x01;
        assertArrayEquals(expected, out);
        assertArrayEquals(SALE, feed(e, true, SALE), "one frame hit (frames 1): the repeat passes");
    }

    @Test
    void aRefundIsNotTheSaleCommandAndAnAnswerGoesTheOtherWay() {
        LineFaultEngine e = engine(SerialAction.FLIP, SerialPoint.SALE_COMMAND, SerialDirection.BOTH, null, null);
        assertArrayEquals(REFUND, feedAll(e, true, REFUND), "transaction type 2 is a refund");
        assertArrayEquals(ANSWER, feedAll(e, false, ANSWER), "the terminal's answer is not the sale command");
        byte[] hit = feedAll(e, true, SALE);
        assertEquals(SALE[SALE.length - 1] ^ 0x01, hit[hit.length - 1]);
    }

    @Test
    void theTerminalsAckOfTheSaleCommandIsSwallowedNotTheAckOfItsEnq() {
        LineFaultEngine e = engine(SerialAction.SWALLOW_ACK, SerialPoint.SALE_COMMAND, null, null, null);
        feed(e, true, new byte[] {ENQ});
        assertArrayEquals(new byte[] {ACK}, feed(e, false, new byte[] {ACK}), "the ACK of the ENQ comes before");
        assertArrayEquals(SALE, feed(e, true, SALE));
        LineFaultEngine.Result r = e.feed(false, new byte[] {ACK}, 0, 1, 0);
        assertEquals(0, r.forwardLength(), "the ACK of the request frame is lost");
        assertEquals(List.of("swallowed an ACK to the register"), r.fired());
        assertArrayEquals(SALE, feed(e, true, SALE), "the register repeats its frame unharmed");
        assertArrayEquals(new byte[] {ACK}, feed(e, false, new byte[] {ACK}), "and its ACK passes (frames 1)");
        assertTrue(e.spent(0));
    }

    @Test
    void theResultHandoverArmsAtTheTerminalsEnqAndLosesTheRegistersAcks() {
        LineFaultEngine e = engine(SerialAction.SWALLOW_ACK, SerialPoint.RESULT_HANDOVER, null, null, 3);
        // the request exchange: the register's ENQ, the terminal's ACK, the frame, ACK, EOT all pass
        assertArrayEquals(new byte[] {ENQ}, feed(e, true, new byte[] {ENQ}));
        assertArrayEquals(new byte[] {ACK}, feed(e, false, new byte[] {ACK}));
        assertArrayEquals(SALE, feed(e, true, SALE));
        assertArrayEquals(new byte[] {ACK}, feed(e, false, new byte[] {ACK}));
        assertArrayEquals(new byte[] {EOT}, feed(e, true, new byte[] {EOT}));
        // the terminal asks for the line three times; every ACK of the register is lost
        for (int i = 0; i < 3; i++) {
            LineFaultEngine.Result enq = e.feed(false, new byte[] {ENQ}, 0, 1, 0);
            assertArrayEquals(new byte[] {ENQ}, enq.forward().get(0).bytes(), "the ENQ itself reaches the register");
            assertEquals(0, e.feed(true, new byte[] {ACK}, 0, 1, 0).forwardLength(), "ACK " + (i + 1) + " lost");
        }
        assertTrue(e.spent(0));
        assertArrayEquals(new byte[] {ACK}, feed(e, true, new byte[] {ACK}));
    }

    @Test
    void aByteOfTheAnswerIsDroppedOnItsWayToTheRegister() {
        LineFaultEngine e = engine(SerialAction.DROP, SerialPoint.STATUS_INFORMATION, null, 7, null);
        assertArrayEquals(SALE, feed(e, true, SALE), "the request is not the result");
        byte[] out = feed(e, false, ANSWER);
        assertEquals(ANSWER.length - 1, out.length);
        byte[] expected = new byte[ANSWER.length - 1];
        System.arraycopy(ANSWER, 0, expected, 0, 6);
        System.arraycopy(ANSWER, 7, expected, 6, ANSWER.length - 7);
        assertArrayEquals(expected, out, "the 7th byte on the wire (STX = 1) is gone");
    }

    @Test
    void aSevenBitLineWithParityBitsSetIsRecognisedAndPassedAsItCame() {
        byte[] parity = SALE.clone();
        for (int i = 0; i < parity.length; i++) {
            parity[i] |= (byte) 0x80; // bit 7 as an even-parity 7E1 sender may set it
        }
        LineFaultEngine e = engine(SerialAction.GARBAGE, SerialPoint.SALE_COMMAND, null, null, null);
        byte[] out = feedAll(e, true, parity);
        assertArrayEquals(parity, Arrays.copyOf(out, parity.length));
        assertEquals(parity.length + ConcertFaultEngine.GARBAGE.length, out.length, "the frame was recognised");
    }

    @Test
    void aNakStormAtTheSaleCommandNaksTheRequestForTheTerminal() {
        LineFaultEngine e = new ConcertFaultEngine(new SerialFault(SerialAction.NAK_STORM, SerialPoint.SALE_COMMAND,
                SerialDirection.TO_TERMINAL, null, null, null, null, null, null), -1, 0);
        assertArrayEquals(new byte[] {ENQ}, feedAll(e, true, new byte[] {ENQ}), "before the point, bytes pass");
        for (int i = 0; i < 2; i++) {
            LineFaultEngine.Result r = e.feed(true, SALE, 0, SALE.length, 0);
            assertEquals(0, r.forwardLength(), "from the sale command on, no frame reaches the terminal");
            assertArrayEquals(new byte[] {0x15}, r.back(), "the register gets a NAK instead");
        }
    }

    @Test
    void eachProtocolSaysWhichMomentsItLacks() {
        assertTrue(SerialFraming.CONCERT.missing(SerialPoint.PRINT_LINES).isPresent());
        assertTrue(SerialFraming.CONCERT.missing(SerialPoint.END_OF_DAY).isPresent());
        assertTrue(SerialFraming.CONCERT.missing(SerialPoint.AFTER_STATUS_INFORMATION).isPresent());
        for (SerialPoint p : List.of(SerialPoint.APPLIED, SerialPoint.SALE_COMMAND, SerialPoint.STATUS_INFORMATION,
                SerialPoint.RESULT_HANDOVER)) {
            assertTrue(SerialFraming.CONCERT.missing(p).isEmpty(), p.wire());
        }
        assertTrue(SerialFraming.ZVT.missing(SerialPoint.RESULT_HANDOVER).isPresent());
        assertTrue(SerialFraming.ZVT.missing(SerialPoint.PRINT_LINES).isEmpty());
    }
}
