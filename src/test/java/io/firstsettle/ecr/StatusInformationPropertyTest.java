package io.firstsettle.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firstsettle.frame.FrameEvent;
import io.firstsettle.frame.ZvtFrameParser;
import io.firstsettle.frame.ZvtSerialFrame;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class StatusInformationPropertyTest {
    @Property(tries = 300)
    void roundTrips(@ForAll @LongRange(min = 0, max = 999_999_999_999L) long amount,
            @ForAll @IntRange(min = 0, max = 999_999) int trace, @ForAll @IntRange(min = 0, max = 9999) int receipt,
            @ForAll @IntRange(min = 0, max = 255) int rc, @ForAll @IntRange(min = 0, max = 99_999_999) int tid) {
        StatusInformation s = StatusInformation.builder().resultCode(rc).amountMinor(amount).currency(978)
                .maskedPan("476173******0010").receiptNo(receipt).trace(trace).terminalId(tid).build();
        byte[] apdu = s.toApdu().encode();
        List<FrameEvent> ev = new ZvtFrameParser().feed(ZvtSerialFrame.encode(apdu));
        StatusInformation back = (StatusInformation) ZvtMessages.decode(Apdu.decode(((FrameEvent.Frame) ev.get(0)).apdu()));
        assertEquals(s, back);
        assertEquals(amount, back.amountMinor().orElseThrow());
        assertEquals(trace, back.trace().orElseThrow());
        assertEquals(receipt, back.receiptNo().orElseThrow());
        assertEquals(rc, back.resultCode().orElseThrow());
        assertEquals(tid, back.terminalId().orElseThrow());
        assertEquals("476173******0010", back.maskedPan().orElseThrow());
    }
}
