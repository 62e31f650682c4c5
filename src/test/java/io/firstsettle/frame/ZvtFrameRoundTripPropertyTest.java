package io.firstsettle.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class ZvtFrameRoundTripPropertyTest {

    @Property(tries = 500)
    void encodeThenParseRoundTrips(@ForAll @Size(max = 600) byte[] apdu, @ForAll long seed) {
        byte[] frame = ZvtSerialFrame.encode(apdu);
        Random rnd = new Random(seed);
        ZvtFrameParser p = new ZvtFrameParser();
        List<FrameEvent> events = new ArrayList<>();
        int off = 0;
        while (off < frame.length) {
            int n = 1 + rnd.nextInt(Math.min(40, frame.length - off));
            events.addAll(p.feed(frame, off, n));
            off += n;
        }
        assertEquals(List.of(new FrameEvent.Frame(apdu)), events);
    }

    @Property(tries = 200)
    void dleBytesAreAlwaysDoubled(@ForAll @Size(max = 100) byte[] apdu) {
        byte[] frame = ZvtSerialFrame.encode(apdu);
        long dles = 0;
        for (byte b : apdu) {
            if (b == 0x10) {
                dles++;
            }
        }
        assertEquals(apdu.length + dles + 6, frame.length);
    }
}
