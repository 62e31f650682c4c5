package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;

/**
 * Application-level reply to a command: {@code 80 00 00} positive, {@code 84 xx 00} negative with result code xx
 * ([ZVT-TP] §5.2.8, [ZVT-SPEC] ch.14). {@code 84 00} also counts as positive; {@code 84 9C} asks the PT to repeat
 * the Status-Information. Replies with data (84 9D partial issue) are not modelled and decode as {@link Unknown}.
 */
public record Acknowledgement(int ccrc, int aprc) implements ZvtMessage {
    public static final Acknowledgement POSITIVE = new Acknowledgement(0x80, 0x00);

    public Acknowledgement {
        if (ccrc != 0x80 && ccrc != 0x84) {
            throw new IllegalArgumentException("CCRC must be 80 or 84, got " + Integer.toHexString(ccrc));
        }
        if (aprc < 0 || aprc > 0xFF) {
            throw new IllegalArgumentException("APRC must be one byte");
        }
    }

    public static Acknowledgement negative(int code) {
        return new Acknowledgement(0x84, code);
    }

    public boolean isPositive() {
        return (ccrc == 0x80 && aprc == 0) || (ccrc == 0x84 && aprc == 0);
    }

    @Override
    public Apdu toApdu() {
        return new Apdu(ccrc, aprc, new byte[0]);
    }

    public static Acknowledgement from(Apdu apdu) {
        if (apdu.cls() != 0x80 && apdu.cls() != 0x84) {
            throw new ZvtFormatException(0, String.format("expected an acknowledgement 80 00 or 84 xx, found %02X %02X (%s)",
                    apdu.cls(), apdu.instr(), ZvtCommand.nameOf(apdu.cls(), apdu.instr())));
        }
        if (apdu.cls() == 0x80 && apdu.instr() != 0) {
            throw new ZvtFormatException(1, String.format("positive ack 80 must have APRC 00, found %02X", apdu.instr()));
        }
        Wire.exactLength(apdu, 0, "no data");
        return new Acknowledgement(apdu.cls(), apdu.instr());
    }

    /** Meaning of a negative APRC (English / Chinese). */
    public String meaning() {
        return isPositive() ? "positive" : ResultCode.meaning(aprc);
    }
}
