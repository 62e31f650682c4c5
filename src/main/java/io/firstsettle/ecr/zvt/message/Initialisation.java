package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;

/**
 * Initialisation {@code 06 93 03 <password>} ([ZVT-SPEC] §2.18 p.50-51).
 *
 * <pre>  | 06 93 | 03 | password 3B BCD |</pre>
 */
public record Initialisation(String password6) implements ZvtMessage {
    public Initialisation {
        Wire.passwordBytes(password6);
    }

    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0x93, Wire.passwordBytes(password6));
    }

    public static Initialisation from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.INITIALISATION);
        Wire.exactLength(apdu, 3, "password 3 bytes BCD");
        return new Initialisation(Wire.password(apdu, 0));
    }
}
