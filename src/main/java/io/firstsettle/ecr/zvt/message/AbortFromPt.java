package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.Bcd;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Abort {@code 06 1E} from PT to ECR: the command failed ([ZVT-SPEC] §3.3 p.122, §2.2.9).
 *
 * <pre>
 *  | 06 1E | LEN | result code | [CC 2B BCD, only with result 6F] | [06 TLV] |
 *  e.g. 06 1E 01 6C                  timeout or abort key
 *       06 1E 03 6F 09 78            wrong currency, the PT's currency EUR
 *       06 1E 03 6C 06 00            with an empty TLV container
 * </pre>
 *
 * @param currencyCode the PT's currency after result 6F, or null
 * @param tlv          BMP 06 (kept byte-exact) or null
 */
public record AbortFromPt(int resultCode, Integer currencyCode, BmpField tlv) implements ZvtMessage {
    public AbortFromPt {
        if (resultCode < 0 || resultCode > 0xFF) {
            throw new IllegalArgumentException("result code " + resultCode + " must be one byte");
        }
        if (currencyCode != null && resultCode != ResultCode.WRONG_CURRENCY.code()) {
            throw new IllegalArgumentException("a currency code follows only result 6F (wrong currency)");
        }
        if (tlv != null && tlv.tag() != 0x06) {
            throw new IllegalArgumentException("tlv must be BMP 06, got " + tlv);
        }
    }

    public AbortFromPt(int resultCode) {
        this(resultCode, null, null);
    }

    @Override
    public Apdu toApdu() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(resultCode);
        if (currencyCode != null) {
            out.writeBytes(Bcd.encode(currencyCode, 2));
        }
        if (tlv != null) {
            out.writeBytes(BmpCodec.encode(List.of(tlv)));
        }
        return new Apdu(0x06, 0x1E, out.toByteArray());
    }

    public static AbortFromPt from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.ABORT_FROM_PT);
        Wire.minLength(apdu, 1, "result code");
        byte[] d = apdu.data();
        int rc = d[0] & 0xFF;
        if (d.length == 1) {
            return new AbortFromPt(rc, null, null);
        }
        ZvtFormatException asContainer;
        try {
            return new AbortFromPt(rc, null, container(apdu, 1));
        } catch (ZvtFormatException e) {
            asContainer = e;
        }
        if (rc != ResultCode.WRONG_CURRENCY.code() || d.length < 3) {
            throw asContainer;
        }
        Integer cc = (int) Bcd.decode(apdu.encode(), apdu.headerLength() + 1, 2);
        return new AbortFromPt(rc, cc, d.length == 3 ? null : container(apdu, 3));
    }

    private static BmpField container(Apdu apdu, int from) {
        List<BmpField> rest = Wire.bmps(apdu, from);
        Wire.rejectUnexpected(apdu, rest, "Abort", 0x06);
        if (rest.size() != 1) {
            throw new ZvtFormatException(apdu.headerLength() + from, "Abort: after the result code only a currency"
                    + " code (with 6F) and one TLV container (BMP 06) may follow, found " + rest.size() + " BMPs");
        }
        return rest.get(0);
    }

    /** English / Chinese meaning of the result code. */
    public String meaning() {
        return ResultCode.meaning(resultCode);
    }
}
