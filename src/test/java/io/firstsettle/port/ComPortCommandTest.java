package io.firstsettle.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The RFC 2217 command layer as values, from the RFC's numbers (option 44, client codes 1-5, server code + 100). */
class ComPortCommandTest {

    @Test
    void lineCommandsCarryTheRfcCodesAndValues() {
        assertArrayEquals(new int[] {44, 1, 0x00, 0x00, 0x25, 0x80}, ComPortCommand.baudRate(9600).subnegotiation());
        assertArrayEquals(new int[] {44, 1, 0x00, 0x01, 0xC2, 0x00}, ComPortCommand.baudRate(115200).subnegotiation());
        assertArrayEquals(new int[] {44, 2, 7}, ComPortCommand.dataSize(7).subnegotiation());
        assertArrayEquals(new int[] {44, 3, 3}, ComPortCommand.parity(SerialSettings.Parity.EVEN).subnegotiation());
        assertArrayEquals(new int[] {44, 3, 1}, ComPortCommand.parity(SerialSettings.Parity.NONE).subnegotiation());
        assertArrayEquals(new int[] {44, 4, 2}, ComPortCommand.stopSize(2).subnegotiation());
        assertEquals(101, ComPortCommand.baudRate(9600).answerCode());
        assertEquals(9600, ComPortCommand.baud(new byte[] {0, 0, 0x25, (byte) 0x80}));
        assertEquals(-1, ComPortCommand.baud(new byte[] {0x25, (byte) 0x80}));
    }

    @Test
    void setControlDrivesDtrAndRtsWith8912And11() {
        assertArrayEquals(new int[] {44, 5, 8}, ComPortCommand.dtr(true).subnegotiation());
        assertArrayEquals(new int[] {44, 5, 9}, ComPortCommand.dtr(false).subnegotiation());
        assertArrayEquals(new int[] {44, 5, 11}, ComPortCommand.rts(true).subnegotiation());
        assertArrayEquals(new int[] {44, 5, 12}, ComPortCommand.rts(false).subnegotiation());
        assertEquals(105, ComPortCommand.dtr(true).answerCode());
        assertEquals("SET-CONTROL DTR ON", ComPortCommand.dtr(true).toString());
    }

    @Test
    void aSetControlAnswerCountsOnlyForTheSameLine() {
        ComPortCommand dtrOn = ComPortCommand.dtr(true);
        assertTrue(dtrOn.answeredBy(new byte[] {8}));
        assertTrue(dtrOn.answeredBy(new byte[] {9}), "DTR OFF answers a DTR command (refused)");
        assertFalse(dtrOn.acceptedBy(new byte[] {9}));
        assertFalse(dtrOn.answeredBy(new byte[] {1}), "a flow-control report is no DTR answer");
        assertFalse(dtrOn.answeredBy(new byte[] {11}), "an RTS report is no DTR answer");
        assertTrue(ComPortCommand.rts(false).answeredBy(new byte[] {12}));
        assertTrue(ComPortCommand.baudRate(9600).answeredBy(new byte[] {0, 0, 0x4B, 0}), "any value answers a baud");
    }
}
