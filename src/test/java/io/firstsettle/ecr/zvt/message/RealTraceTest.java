package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.Bcd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.Hex;
import java.time.LocalTime;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;

/** protocols.md A.10: real captured APDUs. */
class RealTraceTest {
    static final String FEIG_04_0F = "04 0F 5A 27 00 04 00 00 00 00 25 00 49 09 78 0C 22 55 58 0D 04 05"
            + " 22 F0 F8 55 98 83 EE EE EE 80 74 87 02 31 3B 37 35 30 30 37 31 00 00 0B 00 09 75 19 60"
            + " 29 52 52 35 35 0E 24 05 8A 06 8C 01 8B F1 F1 4D 61 73 74 65 72 43 61 72 64 00"
            + " 2A 38 30 34 30 31 31 39 32 36 20 20 20 20 20 20";
    static final String GIROCARD_04_0F = "04 0F 37 27 00 04 00 00 00 00 40 00 49 09 78 0C 09 38 48 0D 04 25"
            + " 22 F1 F1 59 66 66 66 66 D2 00 21 22 01 00 17 00 01 87 01 75"
            + " 0B 61 39 95 19 40 29 60 09 99 14 0E 05 12 8A 02";
    static final String FEIG_COMPLETION = "06 0F 0A 19 10 29 52 52 35 35 49 09 78";

    @Test
    void feigStatusInformation() {
        Apdu apdu = Apdu.decode(Hex.parse(FEIG_04_0F));
        assertEquals(90, apdu.data().length);
        StatusInformation s = StatusInformation.from(apdu);
        assertEquals(0, s.resultCode().orElseThrow());
        assertEquals(2500L, s.amountMinor().orElseThrow());
        assertEquals(978, s.currency().orElseThrow());
        assertEquals(LocalTime.of(22, 55, 58), s.time().orElseThrow());
        assertEquals(MonthDay.of(4, 5), s.date().orElseThrow());
        assertEquals("559883******8074", s.maskedPan().orElseThrow());
        assertEquals(231, s.receiptNo().orElseThrow());
        assertEquals(975, s.trace().orElseThrow());
        assertEquals(0x60, s.paymentType().orElseThrow());
        assertEquals(52523535, s.terminalId().orElseThrow());
        assertEquals(6, s.cardType().orElseThrow());
        assertEquals("MasterCard\0", new String(s.field(0x8B).orElseThrow().value()));
        assertEquals("804011926      ", new String(s.field(0x2A).orElseThrow().value()));
        assertEquals("750071\0\0", new String(s.field(0x3B).orElseThrow().value()));
        assertEquals(FEIG_04_0F, Hex.format(s.toApdu().encode()));
    }

    @Test
    void feigStatusInformationRebuiltWithTheBuilder() {
        StatusInformation built = StatusInformation.builder()
                .vuNumber("804011926").cardName("MasterCard").networkCardType(1).cardType(6).expiry(2405)
                .terminalId(52523535).paymentType(0x60).trace(975).aid("750071").receiptNo(231)
                .maskedPan("559883******8074").date(MonthDay.of(4, 5)).time(LocalTime.of(22, 55, 58))
                .currency(978).amountMinor(2500).resultCode(0).build();
        assertEquals(FEIG_04_0F, Hex.format(built.toApdu().encode()));
    }

    @Test
    void ecrtermGirocard() {
        StatusInformation s = StatusInformation.from(Apdu.decode(Hex.parse(GIROCARD_04_0F)));
        assertEquals(0, s.resultCode().orElseThrow());
        assertEquals(4000L, s.amountMinor().orElseThrow());
        assertEquals(LocalTime.of(9, 38, 48), s.time().orElseThrow());
        assertEquals(MonthDay.of(4, 25), s.date().orElseThrow());
        assertEquals(1, Bcd.decode(s.field(0x17).orElseThrow().value(), 0, 2));
        assertEquals(175, s.receiptNo().orElseThrow());
        assertEquals(613995, s.trace().orElseThrow());
        assertEquals(0x40, s.paymentType().orElseThrow());
        assertEquals(60099914, s.terminalId().orElseThrow());
        assertEquals(512, Bcd.decode(s.field(0x0E).orElseThrow().value(), 0, 2));
        assertEquals(2, s.cardType().orElseThrow());
        String pan = s.maskedPan().orElseThrow();
        assertFalse(pan.contains("5966666666"), pan);
        assertTrue(pan.contains("="), pan);
        assertEquals(GIROCARD_04_0F, Hex.format(s.toApdu().encode()));
    }

    @Test
    void feigCompletion() {
        Completion c = Completion.from(Apdu.decode(Hex.parse(FEIG_COMPLETION)));
        assertEquals(0x10, c.statusByte().orElseThrow());
        assertEquals(52523535, c.terminalId().orElseThrow());
        assertEquals(978, c.currency().orElseThrow());
        assertEquals(FEIG_COMPLETION, Hex.format(c.toApdu().encode()));
    }

    @Test
    void extendedLengthPrintTextBlock() {
        byte[] data = new byte[0x0461];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Apdu a = new Apdu(0x06, 0xD3, data);
        byte[] enc = a.encode();
        assertEquals("06 D3 FF 61 04", Hex.format(enc, 0, 5));
        assertEquals(5 + 0x0461, enc.length);
        assertEquals(a, Apdu.decode(enc));
        assertEquals(5, a.headerLength());
        // boundary: 254 bytes short form, 255 extended
        assertEquals("06 D3 FE", Hex.format(new Apdu(6, 0xD3, new byte[254]).encode(), 0, 3));
        assertEquals("06 D3 FF FF 00", Hex.format(new Apdu(6, 0xD3, new byte[255]).encode(), 0, 5));
        assertEquals(new Apdu(6, 0xD3, new byte[255]), Apdu.decode(new Apdu(6, 0xD3, new byte[255]).encode()));
    }
}
