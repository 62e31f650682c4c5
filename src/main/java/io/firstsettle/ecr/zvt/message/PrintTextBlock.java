package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import java.util.List;

/**
 * Print Text Block {@code 06 D3} from PT to ECR ([ZVT-SPEC] §3.6 p.124-125): a whole receipt in one TLV container
 * (tags 14, 25, 1F07, 1F37, 09 ...). The ECR answers 80 00 00. Real receipts exceed 254 bytes, so this APDU usually
 * comes in the extended length form ({@code 06 D3 FF lo hi}).
 *
 * <pre>  | 06 D3 | LEN | 06 BER-length TLV... |</pre>
 *
 * The container is kept byte-exact, whatever it holds and whether or not this harness understands its tags.
 *
 * @param tlv BMP 06 with its BER length bytes (see {@link BmpField})
 */
public record PrintTextBlock(BmpField tlv) implements ZvtMessage {
    public PrintTextBlock {
        if (tlv == null || tlv.tag() != 0x06) {
            throw new IllegalArgumentException("a Print Text Block carries exactly one BMP 06 TLV container, got " + tlv);
        }
    }

    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0xD3, BmpCodec.encode(List.of(tlv)));
    }

    public static PrintTextBlock from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.PRINT_TEXT_BLOCK);
        Wire.minLength(apdu, 2, "BMP 06 and its length");
        List<BmpField> fields = Wire.bmps(apdu, 0);
        Wire.rejectUnexpected(apdu, fields, "Print Text Block", 0x06);
        if (fields.size() != 1) {
            throw new ZvtFormatException(apdu.headerLength(), "Print Text Block carries exactly one TLV container"
                    + " (BMP 06), found " + fields.size() + " BMPs");
        }
        return new PrintTextBlock(fields.get(0));
    }
}
