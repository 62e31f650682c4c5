package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.Bcd;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Registration {@code 06 00} ([ZVT-SPEC] §2.1 p.26-29). The currency code has no BMP tag: it is positional.
 *
 * <pre>
 *  | 06 00 | LEN | password 3B BCD | config byte | [CC 2B BCD] | [03 service byte] | [06 TLV] |
 *  e.g.  06 00 06  12 34 56  BA  09 78   (password 123456, config BA, EUR)
 * </pre>
 *
 * @param currencyCode e.g. 978 for EUR, or null (the PT then assumes EUR and returns no CC)
 * @param serviceByte BMP 03 or null
 * @param tlv BMP 06 (value with BER length, see {@link BmpField}) or null; an empty container activates TLV
 */
public record Registration(String password6, int configByte, Integer currencyCode, Integer serviceByte, BmpField tlv)
        implements ZvtMessage {

    public Registration {
        Wire.passwordBytes(password6);
        if (configByte < 0 || configByte > 0xFF) {
            throw new IllegalArgumentException("config byte " + configByte + " must be 0..255 (see A.9 bits)");
        }
        if (tlv != null && tlv.tag() != 0x06) {
            throw new IllegalArgumentException("tlv must be BMP 06, got " + tlv);
        }
        if (tlv != null && currencyCode == null) {
            throw new IllegalArgumentException("a TLV container after the config byte needs a currency code first");
        }
    }

    public Registration(String password6, int configByte, Integer currencyCode, Integer serviceByte) {
        this(password6, configByte, currencyCode, serviceByte, null);
    }

    @Override
    public Apdu toApdu() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Wire.passwordBytes(password6));
        out.write(configByte);
        if (currencyCode != null) {
            out.writeBytes(Bcd.encode(currencyCode, 2));
        }
        if (serviceByte != null) {
            if (currencyCode == null) {
                throw new IllegalStateException("the service byte may only follow a currency code ([ZVT-SPEC] §2.1)");
            }
            out.writeBytes(BmpCodec.encode(List.of(Wire.byteField(0x03, serviceByte))));
        }
        if (tlv != null) {
            out.writeBytes(BmpCodec.encode(List.of(tlv)));
        }
        return new Apdu(0x06, 0x00, out.toByteArray());
    }

    public static Registration from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.REGISTRATION);
        Wire.minLength(apdu, 4, "password 3 bytes + config byte");
        byte[] d = apdu.data();
        String pwd = Wire.password(apdu, 0);
        int config = d[3] & 0xFF;
        Integer cc = null;
        Integer service = null;
        BmpField tlv = null;
        if (d.length > 4) {
            Wire.minLength(apdu, 6, "currency code 2 bytes BCD after the config byte");
            cc = (int) Bcd.decode(apdu.encode(), apdu.headerLength() + 4, 2);
            List<BmpField> rest = Wire.bmps(apdu, 6);
            Wire.rejectUnexpected(apdu, rest, "Registration", 0x03, 0x06);
            service = Wire.byteValue(rest, 0x03).orElse(null);
            tlv = Wire.find(rest, 0x06).orElse(null);
        }
        return new Registration(pwd, config, cc, service, tlv);
    }
}
