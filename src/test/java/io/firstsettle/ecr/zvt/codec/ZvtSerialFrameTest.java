package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ZvtSerialFrameTest {
    static final List<ZvtVectors.Vector> VECTORS = ZvtVectors.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("VECTORS")
    void encodeMatchesVector(ZvtVectors.Vector v) {
        assertEquals(v.frameHex(), Hex.format(ZvtSerialFrame.encode(v.apdu())));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("VECTORS")
    void parseMatchesVector(ZvtVectors.Vector v) {
        List<FrameEvent> events = new ZvtFrameParser().feed(v.frame());
        assertEquals(List.of(new FrameEvent.Frame(v.apdu())), events);
    }
}
