package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16KermitTest {
    @Test
    void checkValue() {
        byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x2189, Crc16Kermit.compute(b, 0, b.length));
    }

    @Test
    void forApduAppendsEtx() {
        // 80 00 00 -> F5 1F on the wire (low byte first)
        assertEquals(0x1FF5, Crc16Kermit.forApdu(Hex.parse("80 00 00")));
    }

    @Test
    void offsetAndLength() {
        byte[] b = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x2189, Crc16Kermit.compute(b, 2, 9));
        assertEquals(0, Crc16Kermit.compute(b, 0, 0));
    }
}
