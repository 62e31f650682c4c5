package io.firstsettle.ecr;

/**
 * Intermediate Status {@code 04 FF} from PT to ECR; every one restarts T4 ([ZVT-SPEC] §3.7 p.125-128).
 *
 * <pre>  | 04 FF | LEN | status | [new T4 in minutes, 1 byte BCD] |     e.g. 04 FF 01 17</pre>
 *
 * A trailing TLV container is not modelled (decodes as {@link Unknown} through {@link ZvtMessages#decode}).
 */
public record IntermediateStatus(int status, Integer newT4Minutes) implements ZvtMessage {
    public IntermediateStatus {
        if (status < 0 || status > 0xFF) {
            throw new IllegalArgumentException("status " + status + " must be one byte");
        }
        if (newT4Minutes != null && (newT4Minutes < 0 || newT4Minutes > 99)) {
            throw new IllegalArgumentException("T4 of " + newT4Minutes + " minutes must fit one BCD byte (0..99)");
        }
    }

    @Override
    public Apdu toApdu() {
        return newT4Minutes == null ? new Apdu(0x04, 0xFF, new byte[] {(byte) status})
                : new Apdu(0x04, 0xFF, new byte[] {(byte) status, Bcd.encode(newT4Minutes, 1)[0]});
    }

    public static IntermediateStatus from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.INTERMEDIATE_STATUS);
        byte[] d = apdu.data();
        if (d.length < 1 || d.length > 2) {
            throw new ZvtFormatException(2, "Intermediate Status carries a status byte and an optional BCD timeout"
                    + " (1 or 2 bytes), LEN says " + d.length);
        }
        Integer t4 = d.length == 2 ? (int) Bcd.decode(apdu.encode(), apdu.headerLength() + 1, 1) : null;
        return new IntermediateStatus(d[0] & 0xFF, t4);
    }

    public String meaning() {
        return IntermediateStatusCode.meaning(status);
    }
}
