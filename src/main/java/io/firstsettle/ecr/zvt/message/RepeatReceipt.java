package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Repeat Receipt {@code 06 20} from ECR to PT ([ZVT-SPEC] §2.13): the PT prints (or sends as 06 D1 / 06 D3) the
 * receipt of the last payment again, then 06 0F.
 *
 * <pre>  | 06 20 | LEN | password 3B BCD | [06 TLV] |     e.g. 06 20 03 00 00 00</pre>
 *
 * @param tlv BMP 06 (kept byte-exact) or null
 */
public record RepeatReceipt(String password6, BmpField tlv) implements ZvtMessage {
    public RepeatReceipt {
        Wire.passwordBytes(password6);
        if (tlv != null && tlv.tag() != 0x06) {
            throw new IllegalArgumentException("tlv must be BMP 06, got " + tlv);
        }
    }

    public RepeatReceipt(String password6) {
        this(password6, null);
    }

    @Override
    public Apdu toApdu() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Wire.passwordBytes(password6));
        if (tlv != null) {
            out.writeBytes(BmpCodec.encode(List.of(tlv)));
        }
        return new Apdu(0x06, 0x20, out.toByteArray());
    }

    public static RepeatReceipt from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.REPEAT_RECEIPT);
        Wire.minLength(apdu, 3, "password 3 bytes BCD");
        List<BmpField> rest = Wire.bmps(apdu, 3);
        Wire.rejectUnexpected(apdu, rest, "Repeat Receipt", 0x06);
        return new RepeatReceipt(Wire.password(apdu, 0), Wire.find(rest, 0x06).orElse(null));
    }
}
