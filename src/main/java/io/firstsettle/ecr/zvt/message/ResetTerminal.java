package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;

/**
 * Reset Terminal {@code 06 18 00}. No data; optional BMPs/TLV are not modelled (such an APDU decodes as {@link Unknown}).
 */
public record ResetTerminal() implements ZvtMessage {
    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0x18, new byte[0]);
    }

    public static ResetTerminal from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.RESET_TERMINAL);
        Wire.exactLength(apdu, 0, "no data");
        return new ResetTerminal();
    }
}
