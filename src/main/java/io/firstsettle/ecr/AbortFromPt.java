package io.firstsettle.ecr;

/**
 * Abort {@code 06 1E} from PT to ECR: the command failed ([ZVT-SPEC] §3.3 p.122).
 *
 * <pre>  | 06 1E | 01 | result code |     e.g. 06 1E 01 6C (timeout or abort key)</pre>
 *
 * The optional CC (only with rc 6F) and TLV that may follow are not modelled: such an APDU decodes as
 * {@link Unknown} through {@link ZvtMessages#decode}.
 */
public record AbortFromPt(int resultCode) implements ZvtMessage {
    public AbortFromPt {
        if (resultCode < 0 || resultCode > 0xFF) {
            throw new IllegalArgumentException("result code " + resultCode + " must be one byte");
        }
    }

    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0x1E, new byte[] {(byte) resultCode});
    }

    public static AbortFromPt from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.ABORT_FROM_PT);
        Wire.exactLength(apdu, 1, "result code");
        return new AbortFromPt(apdu.data()[0] & 0xFF);
    }

    /** English / Chinese meaning of the result code. */
    public String meaning() {
        return ResultCode.meaning(resultCode);
    }
}
