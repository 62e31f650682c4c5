package io.firstsettle.ecr;

/**
 * Diagnosis {@code 06 70 00}: the PT contacts the host ([ZVT-SPEC] §2.17). No data; optional BMPs/TLV are not modelled (such an APDU decodes as {@link Unknown}).
 */
public record Diagnosis() implements ZvtMessage {
    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0x70, new byte[0]);
    }

    public static Diagnosis from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.DIAGNOSIS);
        Wire.exactLength(apdu, 0, "no data");
        return new Diagnosis();
    }
}
