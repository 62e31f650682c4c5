package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.TlvCodec;
import io.firstsettle.ecr.zvt.codec.TlvObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.Hex;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code firstsettle decode zvt --apdu} on every message shape of protocols.md A.6 and A.10, with the optional parts
 * left out and put in. Every vector is written by hand from the syntax column of A.6 (length bytes counted by hand)
 * or copied from A.3 / A.10 and from captured traffic in another ZVT library's tests (wirelane/ecrterm
 * test_parsing.py, test_parsing_completion.py: real terminals and registers), never produced by our encoder.
 */
class DecodeShapesTest {
    static Stream<Arguments> shapes() {
        return Stream.of(
                // ECR -> PT
                Arguments.of("Registration, password + config only", "06 00 04 00 00 00 BA", "config byte BA"),
                Arguments.of("Registration with CC (A.3)", "06 00 06 12 34 56 BA 09 78", "currency code 0978"),
                Arguments.of("Registration with CC, service byte, empty TLV", "06 00 0A 12 34 56 BA 09 78 03 00 06 00",
                        "BMP 06 TLV container, 0 objects"),
                Arguments.of("Registration of a real ECR: TLV 26 list of permitted commands (ecrterm)",
                        "06 00 63 00 00 00 FE 09 78 03 00 06 59 10 02 16 02 12 01 40 1A 02 10 00 26 28 0A 02 04 0F"
                                + " 0A 02 06 0F 0A 02 06 1E 0A 02 04 FF 0A 02 06 D8 0A 02 06 DB 0A 02 06 D9 0A 02 06"
                                + " DA 0A 02 06 DD 0A 02 06 D3 27 03 14 01 FF 28 10 15 02 44 45 15 02 45 4E 15 02 46"
                                + " 52 15 02 49 54 40 02 C0 00 1F 04 02 F1 00 1F 05 01 00",
                        "TLV 0A ZVT command (class, instr) / ZVT 命令（类、指令） = 06 D3 (Print Text Block)"),
                Arguments.of("Authorization, amount only", "06 01 07 04 00 00 00 00 12 34", "amount (minor units)"),
                Arguments.of("Authorization 110.00 EUR (A.3)", "06 01 0A 04 00 00 00 01 10 00 49 09 78", "0978"),
                Arguments.of("Authorization with an empty TLV container", "06 01 0C 04 00 00 00 00 10 00 49 09 78 06 00",
                        "BMP 06 TLV container, 0 objects"),
                Arguments.of("Authorization with type, timeout, max status infos, TLV 1F1F of length 0 and 14",
                        "06 01 18 04 00 00 00 00 10 00 49 09 78 19 40 01 3C 02 05 06 06 1F 1F 00 14 01 FF",
                        "TLV 1F1F receipt number (synchronisation after communication loss)"),
                Arguments.of("Authorization of a real ECR (ecrterm)", "06 01 0E 02 01 04 00 00 00 00 10 00 19 44 49 09 78",
                        "max number of status infos"),
                Arguments.of("Log-Off", "06 02 00", "06 02 Log-Off"),
                Arguments.of("Reversal with TLV", "06 30 08 00 00 00 87 00 42 06 00", "receipt number = 0042"),
                Arguments.of("Refund with TLV", "06 31 0F 00 00 00 04 00 00 00 00 05 00 49 09 78 06 00", "06 31 Refund"),
                Arguments.of("End-of-Day (A.3)", "06 50 03 00 00 00", "06 50 End-of-Day"),
                Arguments.of("End-of-Day with an empty TLV container", "06 50 05 00 00 00 06 00", "0 objects"),
                Arguments.of("Send Turnover Totals", "06 10 03 00 00 00", "Send Turnover Totals"),
                Arguments.of("Diagnosis, no data (A.3)", "06 70 00", "06 70 Diagnosis"),
                Arguments.of("Diagnosis with an empty TLV container", "06 70 02 06 00", "0 objects"),
                Arguments.of("Initialisation (A.3)", "06 93 03 12 34 56", "06 93 Initialisation"),
                Arguments.of("Abort from the ECR", "06 B0 00", "06 B0 Abort (ECR->PT)"),
                Arguments.of("Status-Enquiry, empty", "05 01 00", "05 01 Status Enquiry"),
                Arguments.of("Status-Enquiry with password (A.3)", "05 01 03 12 34 56", "password ******"),
                Arguments.of("Status-Enquiry with service byte (A.3)", "05 01 05 12 34 56 03 04", "service byte 04"),
                Arguments.of("Status-Enquiry with an empty TLV container", "05 01 05 12 34 56 06 00", "0 objects"),
                Arguments.of("Reset Terminal (A.3)", "06 18 00", "Reset Terminal"),
                Arguments.of("Repeat Receipt", "06 20 03 00 00 00", "Repeat Receipt"),
                // PT -> ECR
                Arguments.of("Status-Information of a Feig PT (A.10)", RealTraceTest.FEIG_04_0F,
                        "BMP 27 result code = 00 no error / 无错误"),
                Arguments.of("Status-Information of a girocard payment (A.10)", RealTraceTest.GIROCARD_04_0F,
                        "card sequence number"),
                Arguments.of("Status-Information with TLV 1F1F and 41", "04 0F 11 27 00 04 00 00 00 00 12 34 06 06 1F 1F"
                        + " 01 42 41 00", "TLV 41 card type ID"),
                Arguments.of("Status-Information of a real PT with TLV 60/2F (ecrterm)", "04 0F CE 27 00 04 00 00 00 00"
                        + " 10 00 49 09 78 0C 12 30 05 0D 06 29 22 F0 F8 47 48 43 EE EE EE 77 43 87 00 02 3B 38 38"
                        + " 39 31 35 30 00 00 0B 00 07 33 19 60 29 42 00 30 36 0E 18 01 8A 0A 8C 03 8B F0 F5 56 49"
                        + " 53 41 00 2A 34 35 35 36 30 30 30 30 30 35 39 39 20 20 20 3C F0 F7 F3 41 53 2D 54 49 44"
                        + " 20 3D 20 31 33 46 30 30 30 31 33 0D 41 53 2D 50 72 6F 63 2D 43 6F 64 65 20 3D 20 32 30"
                        + " 20 39 30 33 20 30 30 0D 43 61 70 74 2E 2D 52 65 66 2E 3D 20 30 30 30 30 0D 41 49 44 35"
                        + " 39 3A 20 38 30 39 32 35 38 06 2B 41 02 00 0A 49 02 00 03 15 02 44 45 60 0F 42 04 56 49"
                        + " 53 41 43 07 A0 00 00 00 03 10 10 2F 0C 1F 10 01 00 1F 11 01 01 1F 12 01 02",
                        "TLV 60 (unknown tag), 2 objects"),
                Arguments.of("Completion (A.3)", "06 0F 00", "06 0F Completion"),
                Arguments.of("Completion of a Feig PT after Registration (A.10)", RealTraceTest.FEIG_COMPLETION,
                        "terminal ID = 52523535"),
                Arguments.of("Completion with TLV, real PT (ecrterm)", "06 0F 11 19 00 29 52 00 12 33 49 09 78 06 05 27"
                        + " 03 14 01 FF", "TLV 14 ISO character set / ISO 字符集 = FF"),
                Arguments.of("Completion with rc and TLV 1F2B", "06 0F 09 27 00 06 05 1F 2B 02 12 34",
                        "TLV 1F2B trace number (more than 6 digits)"),
                Arguments.of("Status-Enquiry Completion with SW version (A.3)",
                        "06 0F 0B F0 F0 F7 32 2E 31 34 2E 31 35 00", "SW version \"2.14.15\""),
                Arguments.of("Status-Enquiry Completion without SW version, status DC", "06 0F 01 DC",
                        "terminal status DC"),
                Arguments.of("Status-Enquiry Completion without SW version, status F0", "06 0F 01 F0",
                        "terminal status F0 reconciliation required: run End-of-Day / 需要对账：执行日结"),
                Arguments.of("Status-Enquiry Completion with SW version and TLV, real PT (ecrterm)",
                        "06 0F 89 F0 F4 F0 47 45 52 2D 41 50 50 2D 76 32 2E 30 2E 39 3B 63 52 30 32 2E 30 31 2E 30"
                                + " 31 2D 30 30 2E 30 39 2D 32 2D 32 3B 43 43 32 36 00 06 5B 1F 44 04 52 50 02 45 E4"
                                + " 43 1F 40 0A 63 56 45 4E 44 20 62 6F 78 2B 1F 41 28 47 45 52 2D 41 50 50 2D 76 32"
                                + " 2E 30 2E 39 3B 63 52 30 32 2E 30 31 2E 30 31 2D 30 30 2E 30 39 2D 32 2D 32 3B 43"
                                + " 43 32 36 1F 42 04 11 E9 30 EC 1F 43 01 00 34 0D 1F 0E 04 20 23 06 22 1F 0F 03 08"
                                + " 55 56", "terminal status 00 ready / 就绪"),
                Arguments.of("Abort from the PT, 6C (A.3)", "06 1E 01 6C",
                        "result 6C abort via timeout or abort key / 超时或按取消键中止"),
                Arguments.of("Abort from the PT, 6F with the PT's currency", "06 1E 03 6F 09 78",
                        "currency code of the PT 0978"),
                Arguments.of("Abort from the PT with TLV 1F16", "06 1E 07 6C 06 04 1F 16 01 42",
                        "TLV 1F16 extended error code"),
                Arguments.of("Intermediate Status 17 (A.3)", "04 FF 01 17", "status 17 please wait / 请稍候"),
                Arguments.of("Intermediate Status 0A, was decimal before", "04 FF 01 0A", "status 0A insert card / 请插卡"),
                Arguments.of("Intermediate Status with an empty TLV container", "04 FF 03 0A 06 00", "0 objects"),
                Arguments.of("Intermediate Status with T4 and TLV", "04 FF 04 17 02 06 00", "new T4 2 min"),
                Arguments.of("Intermediate Status with T4 and TLV 24/07, real PT (ecrterm)", "04 FF 1E 0A 01 06 1A 24 18"
                        + " 07 16 42 69 74 74 65 20 4B 61 72 74 65 20 65 69 6E 73 74 65 63 6B 65 6E",
                        "TLV 07 text line / 文本行 = \"Bitte Karte einstecken\""),
                Arguments.of("Print Line (A.3)", "06 D1 19 00 47 65 73 61 6D 74 20 20 20 20 20 20 30 20 20 20 20 20 20"
                        + " 20 30 2C 30 30", "text \"Gesamt      0       0,00\""),
                Arguments.of("Print Text-Block with receipt type, lines, end of receipt",
                        "06 D3 11 06 0F 1F 07 01 01 25 09 07 04 54 45 53 54 09 01 81", "| TEST"),
                Arguments.of("Display Text (A.3)", "06 E0 25 F1 F1 F6 46 41 48 52 45 52 4E 55 4D 4D 45 52 20 20 20 20"
                        + " F2 F1 F5 45 49 4E 47 45 42 45 4E 20 55 4E 44 20 4F 4B", "display text line 1"),
                Arguments.of("Positive ack (A.3)", "80 00 00", "positive"),
                Arguments.of("Repeat status info (A.3)", "84 9C 00", "result 9C please wait / 请稍候"),
                Arguments.of("Negative ack 84 83", "84 83 00", "result 83 function not possible"),
                Arguments.of("Abort from the PT, host code 108 was decimal", "06 1E 01 6C", "result 6C"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyShapeDecodesInHexWithMeaning(String name, String hex, String shows) {
        DecodeReport r = ZvtTraceDecoder.decodeApduHex(hex);
        String text = r.toString();
        assertTrue(r.allGood(), name + ":\n" + text);
        assertTrue(text.contains(shows), name + " should show '" + shows + "':\n" + text);
        assertFalse(text.matches("(?s).*[A-Za-z]+\\[[a-zA-Z0-9]+=.*"), "no record toString with decimal fields:\n" + text);
        assertFalse(text.contains("123456"), "no password in clear:\n" + text);
    }

    @Test
    void passwordsAreMaskedInEveryCommandThatCarriesOne() {
        for (String hex : List.of("06 00 06 12 34 56 BA 09 78", "05 01 03 12 34 56", "06 50 03 12 34 56",
                "06 93 03 12 34 56", "06 10 03 12 34 56", "06 20 03 12 34 56", "06 30 06 12 34 56 87 00 01",
                "06 31 03 12 34 56")) {
            String text = ZvtTraceDecoder.decodeApduHex(hex).toString();
            assertTrue(text.contains("password ******"), hex + ":\n" + text);
            assertFalse(text.contains("123456"), hex + ":\n" + text);
        }
    }

    @Test
    void realSpecViolationsAndBrokenFramesStillExitOne() {
        for (String hex : List.of(
                "06 01 04 04 00 00 12",              // BMP 04 cut short
                "06 01 04 06 05 1F 07",              // TLV container longer than the data
                "06 01 06 06 04 1F 07 03 01",        // TLV object longer than its container
                "06 01 02 99 00",                    // unknown BMP: its length cannot be known
                "06 50 02 00 00",                    // password of 2 bytes
                "04 FF 00",                          // intermediate status without its status byte
                "06 0F 03 F0 F0 F5",                 // SW version says 5 bytes, none follow, and no status
                "06 01 05 04 00 00")) {              // LEN says 5, 3 follow
            DecodeReport r = ZvtTraceDecoder.decodeApduHex(hex);
            assertFalse(r.allGood(), hex + " is broken:\n" + r);
        }
    }

    @Test
    void typedRecordsOfTheNewShapes() {
        Authorization a = (Authorization) decode("06 01 0C 04 00 00 00 00 10 00 49 09 78 06 00");
        assertEquals(1000, a.amountMinor());
        assertEquals("06 00", Hex.format(BmpCodec.encode(List.of(a.tlv().orElseThrow()))));
        StatusEnquiry q = (StatusEnquiry) decode("05 01 05 12 34 56 06 00");
        assertEquals("123456", q.password6());
        assertEquals(0x06, q.tlv().tag());
        assertEquals(0x06, ((EndOfDay) decode("06 50 05 00 00 00 06 00")).tlv().tag());
        assertEquals(0x06, ((Diagnosis) decode("06 70 02 06 00")).tlv().tag());
        IntermediateStatus real = (IntermediateStatus) decode("04 FF 1E 0A 01 06 1A 24 18 07 16 42 69 74 74 65 20 4B"
                + " 61 72 74 65 20 65 69 6E 73 74 65 63 6B 65 6E");
        assertEquals(0x0A, real.status());
        assertEquals(1, real.newT4Minutes());
        TlvObject display = TlvCodec.decodeContainer(real.tlv()).get(0);
        assertEquals(0x24, display.tag());
        assertEquals("Bitte Karte einstecken", new String(display.children().get(0).value()));
        IntermediateStatus noT4 = (IntermediateStatus) decode("04 FF 03 0A 06 00");
        assertNull(noT4.newT4Minutes());
        assertEquals(0x06, noT4.tlv().tag());
        AbortFromPt abort = (AbortFromPt) decode("06 1E 07 6C 06 04 1F 16 01 42");
        assertEquals(0x6C, abort.resultCode());
        assertEquals(0x1F16, TlvCodec.decodeContainer(abort.tlv()).get(0).tag());
        Completion dc = Completion.fromStatusEnquiry(Apdu.decode(Hex.parse("06 0F 01 DC")));
        assertNull(dc.softwareVersion());
        assertEquals(0xDC, dc.terminalStatus());
        Completion f0 = (Completion) decode("06 0F 01 F0");
        assertEquals(TerminalStatusCode.RECONCILIATION_REQUIRED, f0.terminalStatusCode().orElseThrow());
        assertEquals("06 0F 01 F0", Hex.format(f0.toApdu().encode()));
        assertInstanceOf(AbortFromEcr.class, decode("06 B0 00"));
    }

    private static ZvtMessage decode(String hex) {
        return ZvtMessages.decode(Apdu.decode(Hex.parse(hex)));
    }
}
