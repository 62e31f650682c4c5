package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Display Text {@code 06 E0}: BMPs F0 (duration), F1..F8 (text lines, LLVAR), F9 (beeps).
 *
 * <pre>  | 06 E0 | LEN | [F0 duration] | F1 F1 F6 "FAHRERNUMMER    " | F2 ... |</pre>
 */
public record DisplayText(List<BmpField> fields) implements ZvtMessage {
    public DisplayText {
        fields = List.copyOf(fields);
    }

    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0xE0, BmpCodec.encode(fields));
    }

    public static DisplayText from(Apdu apdu) {
        return from(apdu, false);
    }

    /** Decodes; with {@code tolerateUnknownBmps} an unknown BMP and the rest become one {@link BmpField#RAW_REST}. */
    public static DisplayText from(Apdu apdu, boolean tolerateUnknownBmps) {
        Wire.expect(apdu, ZvtCommand.DISPLAY_TEXT);
        return new DisplayText(Wire.bmps(apdu, 0, tolerateUnknownBmps));
    }

    /** Text line 1..8. */
    public Optional<String> line(int n) {
        return Wire.find(fields, 0xF0 + n).map(f -> new String(f.value(), StandardCharsets.ISO_8859_1));
    }
}
