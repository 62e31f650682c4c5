package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * End-of-Day {@code 06 50 <password> [06 TLV]} ([ZVT-SPEC] §2.16 p.46-48).
 *
 * <pre>
 *  | 06 50 | LEN | password 3B BCD | [06 TLV] |     e.g. 06 50 03 00 00 00
 *                                                       06 50 05 00 00 00 06 00   (with an empty TLV container)
 * </pre>
 *
 * @param tlv BMP 06 (kept byte-exact) or null
 */
public record EndOfDay(String password6, BmpField tlv) implements ZvtMessage {
    public EndOfDay {
        Wire.passwordBytes(password6);
        if (tlv != null && tlv.tag() != 0x06) {
            throw new IllegalArgumentException("tlv must be BMP 06, got " + tlv);
        }
    }

    public EndOfDay(String password6) {
        this(password6, null);
    }

    @Override
    public Apdu toApdu() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Wire.passwordBytes(password6));
        if (tlv != null) {
            out.writeBytes(BmpCodec.encode(List.of(tlv)));
        }
        return new Apdu(0x06, 0x50, out.toByteArray());
    }

    public static EndOfDay from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.END_OF_DAY);
        Wire.minLength(apdu, 3, "password 3 bytes BCD");
        List<BmpField> rest = Wire.bmps(apdu, 3);
        Wire.rejectUnexpected(apdu, rest, "End-of-Day", 0x06);
        return new EndOfDay(Wire.password(apdu, 0), Wire.find(rest, 0x06).orElse(null));
    }

    @Override
    public String toString() {
        return "EndOfDay[password ******" + (tlv == null ? "" : ", " + tlv) + "]";
    }
}
