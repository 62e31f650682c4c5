package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;

/** An APDU without a typed record here (kept intact, byte-exact). */
public record Unknown(Apdu apdu) implements ZvtMessage {
    @Override
    public Apdu toApdu() {
        return apdu;
    }
}
