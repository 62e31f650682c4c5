package io.firstsettle.ecr;

/**
 * Abort {@code 06 B0 00} from ECR to PT ([ZVT-SPEC] §2.23). No data; optional BMPs/TLV are not modelled (such an APDU decodes as {@link Unknown}).
 */
public record AbortFromEcr() implements ZvtMessage {
    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0xB0, new byte[0]);
    }

    public static AbortFromEcr from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.ABORT_FROM_ECR);
        Wire.exactLength(apdu, 0, "no data");
        return new AbortFromEcr();
    }
}
