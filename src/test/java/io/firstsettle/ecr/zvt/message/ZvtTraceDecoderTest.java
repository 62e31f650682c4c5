package io.firstsettle.ecr.zvt.message;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.Hex;
import io.firstsettle.ecr.zvt.codec.ZvtSerialFrame;
import org.junit.jupiter.api.Test;

class ZvtTraceDecoderTest {
    @Test
    void goodSerialConversation() {
        DecodeReport r = ZvtTraceDecoder.decodeHex("""
                10 02 06 01 0A 04 00 00 00 01 10 10 00 49 09 78 10 03 F2 FF
                06
                10 02 80 00 00 10 03 F5 1F
                06
                """);
        String text = r.toString();
        assertTrue(r.allGood(), text);
        assertTrue(text.contains("@000000 frame, CRC good (F2 FF)"), text);
        assertTrue(text.contains("06 01 Authorization"), text);
        assertTrue(text.contains("BMP 04 amount (minor units) = 000000011000"), text);
        assertTrue(text.contains("@000020 ACK"), text);
        assertTrue(text.contains("@000021 frame"), text);
    }

    @Test
    void badCrcIsReported() {
        DecodeReport r = ZvtTraceDecoder.decodeHex("10 02 80 00 00 10 03 F5 1E 15");
        String text = r.toString();
        assertFalse(r.allGood());
        assertTrue(text.contains("CRC bad"), text);
        assertTrue(text.contains("expected F5 1F, received F5 1E"), text);
        assertTrue(text.contains("NAK"), text);
    }

    @Test
    void feigStatusInformationFramedMasksThePan() {
        byte[] frame = ZvtSerialFrame.encode(Hex.parse(RealTraceTest.FEIG_04_0F));
        DecodeReport r = ZvtTraceDecoder.decode(frame);
        String text = r.toString();
        assertTrue(r.allGood(), text);
        assertTrue(text.contains("04 0F Status Information, 90 data bytes"), text);
        assertTrue(text.contains("559883******8074"), text);
        assertTrue(text.contains("result code = 00 no error / 无错误"), text);
        assertTrue(text.contains("\"MasterCard\\0\""), text);
    }

    @Test
    void fullPanNeverPrinted() {
        DecodeReport r = ZvtTraceDecoder.decodeApduHex("04 0F 0B 22 F0 F8 47 61 73 90 01 01 00 10");
        assertTrue(r.allGood(), r.toString());
        assertFalse(r.toString().contains("4761739001010010"), r.toString());
        assertTrue(r.toString().contains("476173******0010"), r.toString());
    }

    @Test
    void brokenDumpsDoNotLeakThePan() {
        DecodeReport r = ZvtTraceDecoder.decodeApduHex("04 0F 0A 22 F0 F8 47 61 73 90 01 01 00 10");
        assertFalse(r.allGood());
        assertFalse(r.toString().contains("47 61 73 90 01 01 00"), r.toString());
        assertTrue(r.toString().contains("47 61 73 ** **"), r.toString());
        DecodeReport bad = ZvtTraceDecoder.decode(Hex.parse("10 02 04 0F 0B 22 F0 F8 47 61 73 90 01 01 00 10 10 10 03 00 00"));
        assertFalse(bad.toString().contains("90 01 01"), bad.toString());
    }

    @Test
    void brokenApduInsideGoodFrameNamesOffset() {
        DecodeReport r = ZvtTraceDecoder.decode(ZvtSerialFrame.encode(Hex.parse("04 0F 03 27 00 9F")));
        assertFalse(r.allGood());
        assertTrue(r.toString().contains("at byte 5: unknown BMP 9F"), r.toString());
    }

    @Test
    void truncatedCaptureAndGarbage() {
        DecodeReport r = ZvtTraceDecoder.decodeHex("41 42 10 02 80 00");
        assertFalse(r.allGood());
        assertTrue(r.toString().contains("@000000 GARBAGE outside a frame: 41 42"), r.toString());
        assertTrue(r.toString().contains("@000002 TRUNCATED"), r.toString());
    }

    @Test
    void tcpApdusBackToBack() {
        DecodeReport r = ZvtTraceDecoder.decodeApduHex(RealTraceTest.FEIG_COMPLETION + " 80 00 00 84 6C 00 06 1E 01");
        String text = r.toString();
        assertFalse(r.allGood(), text);
        assertTrue(text.contains("BMP 29 terminal ID = 52523535"), text);
        assertTrue(text.contains("84 6C Negative ack"), text);
        assertTrue(text.contains("abort via timeout"), text);
        assertTrue(text.contains("BROKEN APDU"), text);
    }
}
