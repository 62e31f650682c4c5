package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.Bcd;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Intermediate Status {@code 04 FF} from PT to ECR; every one restarts T4 ([ZVT-SPEC] §3.7 p.125-128).
 *
 * <pre>
 *  | 04 FF | LEN | status | [new T4 in minutes, 1 byte BCD] | [06 TLV] |
 *  e.g. 04 FF 01 17                      please wait
 *       04 FF 03 0A 06 00                insert card, an empty TLV container
 *       04 FF 1E 0A 01 06 1A 24 18 07 16 "Bitte Karte einstecken"   insert card, T4 1 minute, display text in TLV 24/07
 * </pre>
 *
 * The timeout byte and the container are told apart by trying the container first: the rest after the status is a
 * TLV container only if it parses as exactly one BMP 06 to the end; otherwise the first byte is the timeout.
 *
 * @param tlv BMP 06 (kept byte-exact) or null
 */
public record IntermediateStatus(int status, Integer newT4Minutes, BmpField tlv) implements ZvtMessage {
    public IntermediateStatus {
        if (status < 0 || status > 0xFF) {
            throw new IllegalArgumentException("status " + status + " must be one byte");
        }
        if (newT4Minutes != null && (newT4Minutes < 0 || newT4Minutes > 99)) {
            throw new IllegalArgumentException("T4 of " + newT4Minutes + " minutes must fit one BCD byte (0..99)");
        }
        if (tlv != null && tlv.tag() != 0x06) {
            throw new IllegalArgumentException("tlv must be BMP 06, got " + tlv);
        }
    }

    public IntermediateStatus(int status, Integer newT4Minutes) {
        this(status, newT4Minutes, null);
    }

    @Override
    public Apdu toApdu() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(status);
        if (newT4Minutes != null) {
            out.writeBytes(Bcd.encode(newT4Minutes, 1));
        }
        if (tlv != null) {
            out.writeBytes(BmpCodec.encode(List.of(tlv)));
        }
        return new Apdu(0x04, 0xFF, out.toByteArray());
    }

    public static IntermediateStatus from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.INTERMEDIATE_STATUS);
        byte[] d = apdu.data();
        if (d.length < 1) {
            throw new ZvtFormatException(2, "Intermediate Status carries at least its status byte, LEN says 0");
        }
        int status = d[0] & 0xFF;
        if (d.length == 1) {
            return new IntermediateStatus(status, null, null);
        }
        BmpField tlv = onlyContainer(apdu, 1);
        if (tlv != null) {
            return new IntermediateStatus(status, null, tlv);
        }
        Integer t4 = (int) Bcd.decode(apdu.encode(), apdu.headerLength() + 1, 1);
        if (d.length == 2) {
            return new IntermediateStatus(status, t4, null);
        }
        tlv = onlyContainer(apdu, 2);
        if (tlv == null) {
            List<BmpField> rest = Wire.bmps(apdu, 2);
            Wire.rejectUnexpected(apdu, rest, "Intermediate Status", 0x06);
            throw new ZvtFormatException(apdu.headerLength() + 2, "Intermediate Status: after the status and"
                    + " timeout only one TLV container (BMP 06) may follow, found " + rest.size() + " BMPs");
        }
        return new IntermediateStatus(status, t4, tlv);
    }

    /** The data from {@code from} as exactly one BMP 06, or null when it is not that. */
    private static BmpField onlyContainer(Apdu apdu, int from) {
        byte[] d = apdu.data();
        if ((d[from] & 0xFF) != 0x06) {
            return null;
        }
        try {
            List<BmpField> f = BmpCodec.decode(Arrays.copyOfRange(d, from, d.length));
            return f.size() == 1 ? f.get(0) : null;
        } catch (ZvtFormatException notAContainer) {
            return null;
        }
    }

    public String meaning() {
        return IntermediateStatusCode.meaning(status);
    }
}
