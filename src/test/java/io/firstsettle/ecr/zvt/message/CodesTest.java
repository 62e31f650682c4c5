package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodesTest {
    @Test
    void hostResponseCodes() {
        assertEquals(0x33, ResultCode.fromHostResponseCode("51"));
        assertEquals(0x05, ResultCode.fromHostResponseCode("05"));
        assertEquals(Optional.of("51"), ResultCode.hostResponseCode(0x33));
        assertEquals(Optional.empty(), ResultCode.hostResponseCode(0x00));
        assertEquals(Optional.empty(), ResultCode.hostResponseCode(0x64));
        assertEquals("host error code 51 / 主机错误码 51", ResultCode.meaning(0x33));
        assertThrows(IllegalArgumentException.class, () -> ResultCode.fromHostResponseCode("N7"));
    }

    @Test
    void meanings() {
        assertTrue(ResultCode.meaning(0x6C).startsWith("abort via timeout or abort key / "));
        assertEquals(ResultCode.NO_CONNECTION, ResultCode.of(0xA3).orElseThrow());
        assertEquals(TerminalStatusCode.RECONCILIATION_REQUIRED, TerminalStatusCode.of(0xF0).orElseThrow());
        assertEquals(IntermediateStatusCode.WAITING_FOR_HOST, IntermediateStatusCode.of(0x04).orElseThrow());
        assertTrue(IntermediateStatusCode.meaning(0x4B).contains("remove card"));
        for (ResultCode r : ResultCode.values()) {
            assertTrue(!r.chinese().isBlank() && !r.english().isBlank());
        }
    }

    @Test
    void commands() {
        assertEquals(ZvtCommand.NEGATIVE_ACK, ZvtCommand.of(0x84, 0x9C).orElseThrow());
        assertEquals(ZvtCommand.NEGATIVE_ACK, ZvtCommand.of(0x84, 0x00).orElseThrow());
        assertEquals(ZvtCommand.STATUS_INFORMATION, ZvtCommand.of(0x04, 0x0F).orElseThrow());
        assertEquals(Optional.empty(), ZvtCommand.of(0x07, 0x00));
        assertEquals("Apdu[Authorization: 06 01 00]", new Apdu(6, 1, new byte[0]).toString());
    }

    @Test
    void totalsRoundTrip() {
        Totals t = new Totals(1, 175, java.util.List.of(new CardTotal(CardFamily.GIROCARD, 3, 12345),
                new CardTotal(CardFamily.JCB, 0, 0), new CardTotal(CardFamily.EUROCARD, 1, 2500)));
        BmpField f = t.toBmp();
        assertEquals("00 01 01 75 03 00 00 00 01 23 45 00 00 00 00 00 00 00 01 00 00 00 00 25 00",
                io.firstsettle.core.Hex.format(f.value()));
        assertEquals(t, Totals.fromBmp(f));
        StatusInformation s = StatusInformation.builder().resultCode(0).totals(t).build();
        StatusInformation back = StatusInformation.from(Apdu.decode(s.toApdu().encode()));
        assertEquals(t, back.totals().orElseThrow());
        assertThrows(ZvtFormatException.class, () -> Totals.fromBmp(new BmpField(0x60, new byte[6])));
    }

    @Test
    void apduErrors() {
        ZvtFormatException e = assertThrows(ZvtFormatException.class,
                () -> Apdu.decode(io.firstsettle.core.Hex.parse("06 01 05 04 00")));
        assertTrue(e.getMessage().contains("LEN says 5 data bytes, but only 2 follow"), e.getMessage());
        e = assertThrows(ZvtFormatException.class, () -> Apdu.decode(io.firstsettle.core.Hex.parse("80 00 00 00")));
        assertEquals(3, e.offset());
        e = assertThrows(ZvtFormatException.class, () -> Apdu.decode(io.firstsettle.core.Hex.parse("80 00")));
        assertEquals(2, e.offset());
    }
}
