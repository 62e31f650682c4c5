package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firstsettle.ecr.zvt.codec.FrameEvent;
import io.firstsettle.ecr.zvt.codec.ZvtFrameParser;
import io.firstsettle.ecr.zvt.codec.ZvtSerialFrame;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random Status-Information records survive encode, serial framing, parsing and decode (fixed seed). */
class StatusInformationPropertyTest {
    @Test
    void roundTrips() {
        Random r = new Random(20261127L);
        for (int i = 0; i < 300; i++) {
            long amount = (long) (r.nextDouble() * 999_999_999_999L);
            int trace = r.nextInt(1_000_000);
            int receipt = r.nextInt(10_000);
            int rc = r.nextInt(256);
            int tid = r.nextInt(100_000_000);
            StatusInformation s = StatusInformation.builder().resultCode(rc).amountMinor(amount).currency(978)
                    .maskedPan("476173******0010").receiptNo(receipt).trace(trace).terminalId(tid).build();
            byte[] apdu = s.toApdu().encode();
            List<FrameEvent> ev = new ZvtFrameParser().feed(ZvtSerialFrame.encode(apdu));
            StatusInformation back = (StatusInformation) ZvtMessages.decode(Apdu.decode(((FrameEvent.Frame) ev.get(0)).apdu()));
            String c = "case " + i + ": amount " + amount + " trace " + trace + " receipt " + receipt + " rc " + rc;
            assertEquals(s, back, c);
            assertEquals(amount, back.amountMinor().orElseThrow(), c);
            assertEquals(trace, back.trace().orElseThrow(), c);
            assertEquals(receipt, back.receiptNo().orElseThrow(), c);
            assertEquals(rc, back.resultCode().orElseThrow(), c);
            assertEquals(tid, back.terminalId().orElseThrow(), c);
            assertEquals("476173******0010", back.maskedPan().orElseThrow(), c);
        }
    }
}
