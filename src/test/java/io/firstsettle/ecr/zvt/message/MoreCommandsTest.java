package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.Hex;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reversal, Refund, Send Turnover Totals, Repeat Receipt and Print Text Block: exact bytes both ways. */
class MoreCommandsTest {

    static void bothWays(ZvtMessage m, String hex) {
        assertEquals(hex, Hex.format(m.toApdu().encode()), "encode " + m);
        ZvtMessage back = ZvtMessages.decode(Apdu.decode(Hex.parse(hex)));
        assertEquals(m.getClass(), back.getClass());
        assertEquals(hex, Hex.format(back.toApdu().encode()), "decode and encode again");
    }

    @Test
    void reversalCarriesPasswordThenReceiptNumber() {
        bothWays(new Reversal("000000", 42), "06 30 06 00 00 00 87 00 42");
        bothWays(new Reversal("123456", 9999, 1234), "06 30 0D 12 34 56 87 99 99 04 00 00 00 00 12 34");
        Reversal r = (Reversal) ZvtMessages.decode(Apdu.decode(Hex.parse("06 30 0D 12 34 56 87 99 99 04 00 00 00 00 12 34")));
        assertEquals("123456", r.password6());
        assertEquals(9999, r.receiptNo());
        assertEquals(Optional.of(1234L), r.amountMinor());
    }

    @Test
    void aReversalWithoutReceiptNumberIsAnErrorAtTheByteAfterThePassword() {
        ZvtFormatException e = assertThrows(ZvtFormatException.class,
                () -> ZvtMessages.decode(Apdu.decode(Hex.parse("06 30 0A 00 00 00 04 00 00 00 00 12 34"))));
        assertEquals(6, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("BMP 87"), e.getMessage());
    }

    @Test
    void reversalKeepsATlvContainerByteExact() {
        // 06 len 03, tag 1F 07 len 00 -- not understood here, kept as is
        bothWays(ZvtMessages.decode(Apdu.decode(Hex.parse("06 30 0B 00 00 00 87 00 01 06 03 1F 07 00"))),
                "06 30 0B 00 00 00 87 00 01 06 03 1F 07 00");
    }

    @Test
    void refundCarriesPasswordAmountAndCurrency() {
        bothWays(new Refund("000000", 500, 978), "06 31 0D 00 00 00 04 00 00 00 00 05 00 49 09 78");
        bothWays(new Refund("000000", java.util.List.of()), "06 31 03 00 00 00");
        Refund r = (Refund) ZvtMessages.decode(Apdu.decode(Hex.parse("06 31 0D 00 00 00 04 00 00 00 00 05 00 49 09 78")));
        assertEquals(Optional.of(500L), r.amountMinor());
        assertEquals(Optional.of(978), r.currencyCode());
    }

    @Test
    void anUnknownBmpInARefundNamesItsApduOffset() {
        ZvtFormatException e = assertThrows(ZvtFormatException.class,
                () -> ZvtMessages.decode(Apdu.decode(Hex.parse("06 31 05 00 00 00 55 01"))));
        assertEquals(6, e.offset(), e.getMessage());
    }

    @Test
    void sendTurnoverTotalsIsThePasswordAlone() {
        bothWays(new SendTurnoverTotals("123456"), "06 10 03 12 34 56");
        assertThrows(ZvtFormatException.class, () -> SendTurnoverTotals.from(Apdu.decode(Hex.parse("06 10 02 12 34"))));
    }

    @Test
    void repeatReceiptIsThePasswordAndAnOptionalTlv() {
        bothWays(new RepeatReceipt("000000"), "06 20 03 00 00 00");
        bothWays(ZvtMessages.decode(Apdu.decode(Hex.parse("06 20 05 00 00 00 06 00"))), "06 20 05 00 00 00 06 00");
        assertThrows(ZvtFormatException.class, () -> ZvtMessages.decode(Apdu.decode(Hex.parse("06 20 05 00 00 00 87 00"))));
    }

    @Test
    void printTextBlockKeepsItsWholeTlvContainerIntactEvenInTheExtendedLengthForm() {
        // a receipt-sized container: 06 82 hi lo (BER long form), text lines in tag 07 inside a 25 constructed tag
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        for (int i = 0; i < 40; i++) {
            byte[] line = String.format("%-24s", "RECEIPT LINE " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            inner.write(0x07);
            inner.write(line.length);
            inner.writeBytes(line);
        }
        byte[] lines = inner.toByteArray();
        ByteArrayOutputStream tlv = new ByteArrayOutputStream();
        tlv.write(0x25);
        tlv.writeBytes(BmpCodec.berLength(lines.length));
        tlv.writeBytes(lines);
        byte[] body = tlv.toByteArray();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(0x06);
        data.writeBytes(BmpCodec.berLength(body.length));
        data.writeBytes(body);
        byte[] d = data.toByteArray();
        Apdu apdu = new Apdu(0x06, 0xD3, d);
        byte[] wire = apdu.encode();
        assertEquals(0xFF, wire[2] & 0xFF, "extended length form");
        PrintTextBlock p = assertInstanceOf(PrintTextBlock.class, ZvtMessages.decode(apdu));
        assertArrayEquals(wire, p.toApdu().encode(), "byte-exact round trip");
    }

    @Test
    void printTextBlockWithAnythingButOneContainerIsAnError() {
        assertThrows(ZvtFormatException.class, () -> ZvtMessages.decode(Apdu.decode(Hex.parse("06 D3 02 27 00"))));
    }

    @Test
    void theDecoderToolShowsReversalFieldsWithoutThePassword() {
        DecodeReport r = ZvtTraceDecoder.decodeApduHex("06 30 06 12 34 56 87 00 42");
        assertTrue(r.allGood(), r.toString());
        String all = String.join("\n", r.lines());
        assertTrue(all.contains("Reversal") && all.contains("receipt number") && !all.contains("12 34 56"), all);
    }
}
