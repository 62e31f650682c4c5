package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reversal {@code 06 30} from ECR to PT ([ZVT-SPEC] §2.9 p.40-41): cancels the payment with that receipt number, if
 * it is still in the turnover store; the flow afterwards is the one of Authorization.
 *
 * <pre>
 *  | 06 30 | LEN | password 3B BCD | 87 receipt-no 2B BCD | [04 amount] [49 CC] [19 type] [card data] [3C] [06 TLV] |
 *  e.g.  06 30 06  00 00 00  87 00 42      (password 000000, reverse receipt 0042)
 * </pre>
 *
 * @param fields the BMPs after the password in wire order, BMP 87 among them; a TLV container is kept byte-exact
 */
public record Reversal(String password6, List<BmpField> fields) implements ZvtMessage {
    public Reversal {
        Wire.passwordBytes(password6);
        fields = List.copyOf(fields);
        if (Wire.find(fields, 0x87).isEmpty()) {
            throw new IllegalArgumentException("a Reversal names the payment to reverse by its receipt number (BMP 87)");
        }
    }

    /** Reverses receipt {@code receiptNo} (0..9999). */
    public Reversal(String password6, int receiptNo) {
        this(password6, List.of(Wire.bcdField(0x87, receiptNo)));
    }

    /** Reverses receipt {@code receiptNo} only if its amount is {@code amountMinor}. */
    public Reversal(String password6, int receiptNo, long amountMinor) {
        this(password6, List.of(Wire.bcdField(0x87, receiptNo), Wire.bcdField(0x04, amountMinor)));
    }

    @Override
    public Apdu toApdu() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Wire.passwordBytes(password6));
        out.writeBytes(BmpCodec.encode(fields));
        return new Apdu(0x06, 0x30, out.toByteArray());
    }

    /** Decodes strictly: an unknown BMP is an error naming its APDU offset; a missing BMP 87 too. */
    public static Reversal from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.REVERSAL);
        Wire.minLength(apdu, 3, "password 3 bytes BCD");
        List<BmpField> fields = new ArrayList<>(Wire.bmps(apdu, 3));
        if (Wire.find(fields, 0x87).isEmpty()) {
            throw new ZvtFormatException(apdu.headerLength() + 3, "Reversal without BMP 87 (receipt number) after the"
                    + " password: the terminal cannot know which payment to reverse ([ZVT-SPEC] §2.9)");
        }
        return new Reversal(Wire.password(apdu, 0), fields);
    }

    public int receiptNo() {
        return (int) (long) Wire.bcd(fields, 0x87).orElseThrow();
    }

    public Optional<Long> amountMinor() {
        return Wire.bcd(fields, 0x04);
    }

    public Optional<BmpField> tlv() {
        return Wire.find(fields, 0x06);
    }
}
