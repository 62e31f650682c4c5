package io.firstsettle.ecr;

/**
 * End-of-Day {@code 06 50 03 <password>} ([ZVT-SPEC] §2.16 p.46-48).
 *
 * <pre>  | 06 50 | 03 | password 3B BCD |</pre>
 */
public record EndOfDay(String password6) implements ZvtMessage {
    public EndOfDay {
        Wire.passwordBytes(password6);
    }

    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0x50, Wire.passwordBytes(password6));
    }

    public static EndOfDay from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.END_OF_DAY);
        Wire.exactLength(apdu, 3, "password 3 bytes BCD");
        return new EndOfDay(Wire.password(apdu, 0));
    }
}
