package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Refund {@code 06 31} from ECR to PT ([ZVT-SPEC] §2.15 p.45-46): money back to a card, not tied to an earlier
 * receipt; the flow afterwards is the one of Authorization.
 *
 * <pre>
 *  | 06 31 | LEN | password 3B BCD | [04 amount] [49 CC] [19 type] [card data] [3B AID] [3C] [8A] [06 TLV] |
 *  e.g.  06 31 0D  00 00 00  04 00 00 00 00 05 00  49 09 78     (5.00 EUR)
 * </pre>
 *
 * @param fields the BMPs after the password in wire order; a TLV container is kept byte-exact
 */
public record Refund(String password6, List<BmpField> fields) implements ZvtMessage {
    public Refund {
        Wire.passwordBytes(password6);
        fields = List.copyOf(fields);
    }

    public Refund(String password6, long amountMinor, int currencyCode) {
        this(password6, List.of(Wire.bcdField(0x04, amountMinor), Wire.bcdField(0x49, currencyCode)));
    }

    @Override
    public Apdu toApdu() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Wire.passwordBytes(password6));
        out.writeBytes(BmpCodec.encode(fields));
        return new Apdu(0x06, 0x31, out.toByteArray());
    }

    /** Decodes strictly: an unknown BMP is an error naming its APDU offset. */
    public static Refund from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.REFUND);
        Wire.minLength(apdu, 3, "password 3 bytes BCD");
        return new Refund(Wire.password(apdu, 0), Wire.bmps(apdu, 3));
    }

    public Optional<Long> amountMinor() {
        return Wire.bcd(fields, 0x04);
    }

    public Optional<Integer> currencyCode() {
        return Wire.bcd(fields, 0x49).map(Long::intValue);
    }

    public Optional<BmpField> tlv() {
        return Wire.find(fields, 0x06);
    }
}
