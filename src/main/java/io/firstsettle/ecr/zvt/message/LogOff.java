package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;

/**
 * Log-Off {@code 06 02 00}; the PT resets the config byte to 86 ([ZVT-SPEC] §2.24). No data; optional BMPs/TLV are not modelled (such an APDU decodes as {@link Unknown}).
 */
public record LogOff() implements ZvtMessage {
    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0x02, new byte[0]);
    }

    public static LogOff from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.LOG_OFF);
        Wire.exactLength(apdu, 0, "no data");
        return new LogOff();
    }
}
