package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import java.util.List;

/**
 * Diagnosis {@code 06 70}: the PT contacts the host ([ZVT-SPEC] §2.17).
 *
 * <pre>  | 06 70 | LEN | [06 TLV] |     e.g. 06 70 00,  06 70 02 06 00</pre>
 *
 * @param tlv BMP 06 (kept byte-exact) or null
 */
public record Diagnosis(BmpField tlv) implements ZvtMessage {
    public Diagnosis {
        if (tlv != null && tlv.tag() != 0x06) {
            throw new IllegalArgumentException("tlv must be BMP 06, got " + tlv);
        }
    }

    public Diagnosis() {
        this(null);
    }

    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0x70, tlv == null ? new byte[0] : BmpCodec.encode(List.of(tlv)));
    }

    public static Diagnosis from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.DIAGNOSIS);
        List<BmpField> rest = Wire.bmps(apdu, 0);
        Wire.rejectUnexpected(apdu, rest, "Diagnosis", 0x06);
        return new Diagnosis(Wire.find(rest, 0x06).orElse(null));
    }
}
