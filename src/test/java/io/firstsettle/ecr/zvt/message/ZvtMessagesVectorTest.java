package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.ecr.zvt.codec.FrameEvent;
import io.firstsettle.core.Hex;
import io.firstsettle.ecr.zvt.codec.ZvtFrameParser;
import io.firstsettle.ecr.zvt.codec.ZvtSerialFrame;
import io.firstsettle.ecr.zvt.codec.ZvtVectors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ZvtMessagesVectorTest {
    static final List<ZvtVectors.Vector> VECTORS = ZvtVectors.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("VECTORS")
    void everyVectorDecodesToATypedRecordAndBack(ZvtVectors.Vector v) {
        FrameEvent.Frame f = (FrameEvent.Frame) new ZvtFrameParser().feed(v.frame()).get(0);
        ZvtMessage m = ZvtMessages.decode(Apdu.decode(f.apdu()));
        assertFalse(m instanceof Unknown, v + " decoded as " + m);
        assertEquals(v.apduHex(), Hex.format(m.toApdu().encode()));
        assertEquals(v.frameHex(), Hex.format(ZvtSerialFrame.encode(m.toApdu().encode())));
    }

    @Test
    void typedRecordsBuildTheVectors() {
        assertEquals("06 00 06 12 34 56 BA 09 78", hex(new Registration("123456", 0xBA, 978, null)));
        assertEquals("06 00 06 00 00 00 BA 09 78", hex(new Registration("000000", 0xBA, 978, null)));
        assertEquals("06 93 03 12 34 56", hex(new Initialisation("123456")));
        assertEquals("06 01 0A 04 00 00 00 01 10 00 49 09 78", hex(new Authorization(11000, 978)));
        assertEquals("06 70 00", hex(new Diagnosis()));
        assertEquals("06 D1 19 00 47 65 73 61 6D 74 20 20 20 20 20 20 30 20 20 20 20 20 20 20 30 2C 30 30",
                hex(new PrintLine(0, "Gesamt      0       0,00")));
        assertEquals("80 00 00", hex(Acknowledgement.POSITIVE));
        assertEquals("80 00 00", Hex.format(Apdu.POSITIVE_ACK.encode()));
        assertEquals("84 9C 00", hex(Acknowledgement.negative(0x9C)));
        assertEquals("84 9C 00", Hex.format(Apdu.negativeAck(0x9C).encode()));
        assertEquals("06 18 00", hex(new ResetTerminal()));
        assertEquals("05 01 03 12 34 56", hex(new StatusEnquiry("123456")));
        assertEquals("05 01 05 12 34 56 03 04", hex(new StatusEnquiry("123456", 4)));
        assertEquals("06 0F 0B F0 F0 F7 32 2E 31 34 2E 31 35 00", hex(Completion.statusEnquiryAnswer("2.14.15", 0)));
        assertEquals("06 0F 00", hex(Completion.plain()));
        assertEquals("06 02 00", hex(new LogOff()));
        assertEquals("06 B0 00", hex(new AbortFromEcr()));
        assertEquals("06 1E 01 6C", hex(new AbortFromPt(0x6C)));
        assertEquals("04 FF 01 17", hex(new IntermediateStatus(0x17, null)));
        assertEquals("04 FF 02 04 05", hex(new IntermediateStatus(0x04, 5)));
        assertEquals("06 50 03 00 00 00", hex(new EndOfDay("000000")));
        assertEquals("06 0F 0A 19 10 29 52 52 35 35 49 09 78", hex(Completion.withTid(0x10, 52523535, 978)));
    }

    @Test
    void decodedValues() {
        Registration r = (Registration) decode("06 00 06 12 34 56 BA 09 78");
        assertEquals(new Registration("123456", 0xBA, 978, null), r);
        Authorization a = (Authorization) decode("06 01 0A 04 00 00 00 01 10 00 49 09 78");
        assertEquals(11000, a.amountMinor());
        assertEquals(978, a.currencyCode());
        StatusEnquiry s = (StatusEnquiry) decode("05 01 05 12 34 56 03 04");
        assertEquals(4, s.serviceByte());
        Completion c = (Completion) decode("06 0F 0B F0 F0 F7 32 2E 31 34 2E 31 35 00");
        assertEquals("2.14.15", c.swVersion().orElseThrow());
        assertEquals(TerminalStatusCode.READY, c.terminalStatusCode().orElseThrow());
        Acknowledgement nak = (Acknowledgement) decode("84 9C 00");
        assertFalse(nak.isPositive());
        assertTrue(new Acknowledgement(0x84, 0).isPositive());
        assertTrue(((Acknowledgement) decode("80 00 00")).isPositive());
        DisplayText d = (DisplayText) decode("06 E0 25 F1 F1 F6 46 41 48 52 45 52 4E 55 4D 4D 45 52 20 20 20 20 F2 F1 F5"
                + " 45 49 4E 47 45 42 45 4E 20 55 4E 44 20 4F 4B");
        assertEquals("FAHRERNUMMER    ", d.line(1).orElseThrow());
        assertEquals("EINGEBEN UND OK", d.line(2).orElseThrow());
        assertEquals(0x6C, ((AbortFromPt) decode("06 1E 01 6C")).resultCode());
    }

    @Test
    void wrongControlFieldNamesWhatWasExpected() {
        ZvtFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ZvtFormatException.class,
                () -> Registration.from(Apdu.decode(Hex.parse("06 93 03 12 34 56"))));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("expected Registration 06 00, found 06 93 (Initialisation)"), e.getMessage());
    }

    @Test
    void unmodelledFormsAreUnknown() {
        // 06 1E with the PT's currency after 6F is modelled now ([ZVT-SPEC] §3.3, protocols.md A.6)
        assertEquals(978, ((AbortFromPt) decode("06 1E 03 6F 09 78")).currencyCode());
        assertInstanceOf(Unknown.class, decode("07 01 00"));
        assertInstanceOf(Unknown.class, decode("06 18 01 00")); // 06 D3 is modelled now: PrintTextBlock
    }

    @Test
    void printLineCharsetIsConfigurable() {
        PrintLine p = new PrintLine(0, "Grüße", java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("06 D1 06 00 47 72 FC DF 65", hex(p));
        assertEquals(p, PrintLine.from(p.toApdu(), java.nio.charset.StandardCharsets.ISO_8859_1));
        PrintLine cp = new PrintLine(0, "Grüße");
        assertEquals("06 D1 06 00 47 72 81 E1 65", hex(cp));
        assertEquals(cp, PrintLine.from(cp.toApdu()));
    }

    static ZvtMessage decode(String hex) {
        return ZvtMessages.decode(Apdu.decode(Hex.parse(hex)));
    }

    static String hex(ZvtMessage m) {
        return Hex.format(m.toApdu().encode());
    }
}
