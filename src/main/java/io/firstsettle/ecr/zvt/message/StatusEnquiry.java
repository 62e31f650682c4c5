package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Status-Enquiry {@code 05 01}; send it every minute or more often ([ZVT-SPEC] §2.56 p.103-105).
 *
 * <pre>  | 05 01 | LEN | [password 3B BCD [03 service byte] [06 TLV]] |     e.g. 05 01 05 12 34 56 03 04
 *                                                                        05 01 05 12 34 56 06 00</pre>
 *
 * @param password6 null for the empty form {@code 05 01 00}
 * @param serviceByte BMP 03 or null
 * @param tlv BMP 06 (kept byte-exact, see {@link BmpField}) or null
 */
public record StatusEnquiry(String password6, Integer serviceByte, BmpField tlv) implements ZvtMessage {
    public StatusEnquiry {
        if (password6 != null) {
            Wire.passwordBytes(password6);
        } else if (serviceByte != null || tlv != null) {
            throw new IllegalArgumentException("the service byte and TLV container follow the password; give a"
                    + " password too");
        }
        if (tlv != null && tlv.tag() != 0x06) {
            throw new IllegalArgumentException("tlv must be BMP 06, got " + tlv);
        }
    }

    public StatusEnquiry(String password6, Integer serviceByte) {
        this(password6, serviceByte, null);
    }

    public StatusEnquiry(String password6) {
        this(password6, null, null);
    }

    @Override
    public Apdu toApdu() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (password6 != null) {
            out.writeBytes(Wire.passwordBytes(password6));
        }
        if (serviceByte != null) {
            out.writeBytes(BmpCodec.encode(List.of(Wire.byteField(0x03, serviceByte))));
        }
        if (tlv != null) {
            out.writeBytes(BmpCodec.encode(List.of(tlv)));
        }
        return new Apdu(0x05, 0x01, out.toByteArray());
    }

    public static StatusEnquiry from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.STATUS_ENQUIRY);
        if (apdu.data().length == 0) {
            return new StatusEnquiry(null, null, null);
        }
        Wire.minLength(apdu, 3, "password 3 bytes BCD");
        List<BmpField> rest = Wire.bmps(apdu, 3);
        Wire.rejectUnexpected(apdu, rest, "StatusEnquiry", 0x03, 0x06);
        return new StatusEnquiry(Wire.password(apdu, 0), Wire.byteValue(rest, 0x03).orElse(null),
                Wire.find(rest, 0x06).orElse(null));
    }
}
