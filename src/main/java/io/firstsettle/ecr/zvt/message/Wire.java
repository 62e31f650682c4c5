package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.Bcd;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.BmpTag;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import io.firstsettle.core.Hex;
import java.util.List;
import java.util.Optional;

/** Shared checks for the typed messages: control field, password, fixed fields. Offsets are APDU offsets. */
final class Wire {
    private Wire() {
    }

    static void expect(Apdu apdu, ZvtCommand cmd) {
        if (apdu.cls() != cmd.cls() || (cmd.instr() >= 0 && apdu.instr() != cmd.instr())) {
            throw new ZvtFormatException(0, "expected " + cmd.englishName() + " "
                    + Hex.format(cmd.cls()) + " " + (cmd.instr() < 0 ? "xx" : Hex.format(cmd.instr())) + ", found "
                    + Hex.format(apdu.cls()) + " " + Hex.format(apdu.instr()) + " ("
                    + ZvtCommand.nameOf(apdu.cls(), apdu.instr()) + ")");
        }
    }

    static void minLength(Apdu apdu, int min, String what) {
        if (apdu.data().length < min) {
            throw new ZvtFormatException(apdu.headerLength() + apdu.data().length, ZvtCommand.nameOf(apdu.cls(),
                    apdu.instr()) + " needs at least " + min + " data bytes (" + what + "), found " + apdu.data().length);
        }
    }

    static void exactLength(Apdu apdu, int len, String what) {
        if (apdu.data().length != len) {
            throw new ZvtFormatException(2, ZvtCommand.nameOf(apdu.cls(), apdu.instr()) + " carries exactly " + len
                    + " data bytes (" + what + "), LEN says " + apdu.data().length);
        }
    }

    /** BMPs of the data block from data index {@code from}; error offsets are APDU offsets. */
    static List<BmpField> bmps(Apdu apdu, int from) {
        return bmps(apdu, from, false);
    }

    /** As {@link #bmps(Apdu, int)}; with {@code tolerateUnknown} an unknown BMP and all after it become one raw field. */
    static List<BmpField> bmps(Apdu apdu, int from, boolean tolerateUnknown) {
        return BmpCodec.decode(apdu.encode(), apdu.headerLength() + from, tolerateUnknown);
    }

    static String password(Apdu apdu, int from) {
        byte[] enc = apdu.encode();
        return Bcd.digits(enc, apdu.headerLength() + from, 3);
    }

    static byte[] passwordBytes(String password6) {
        if (password6 == null || !password6.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("password must be 6 decimal digits, sent as 3 bytes BCD ([ZVT-SPEC] §1.2)");
        }
        return Bcd.encodeDigits(password6);
    }

    static Optional<BmpField> find(List<BmpField> fields, int tag) {
        return fields.stream().filter(f -> f.tag() == tag).findFirst();
    }

    static Optional<Long> bcd(List<BmpField> fields, int tag) {
        return find(fields, tag).map(f -> Bcd.decode(f.value(), 0, f.value().length));
    }

    static Optional<Integer> byteValue(List<BmpField> fields, int tag) {
        return find(fields, tag).map(f -> f.value()[0] & 0xFF);
    }

    static BmpField bcdField(int tag, long value) {
        return new BmpField(tag, Bcd.encode(value, BmpTag.require(tag).fixedLength()));
    }

    static BmpField byteField(int tag, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(String.format("BMP %02X is one byte, %d does not fit", tag, value));
        }
        return new BmpField(tag, new byte[] {(byte) value});
    }

    static void rejectUnexpected(Apdu apdu, List<BmpField> fields, String typeName, int... allowed) {
        for (BmpField f : fields) {
            boolean ok = false;
            for (int a : allowed) {
                ok |= f.tag() == a;
            }
            if (!ok) {
                throw new ZvtFormatException(2, typeName + " does not model BMP " + (f.tag() < 0 ? "--" : Hex.format(f.tag()))
                        + " (" + f.name() + "); decode this APDU with BmpCodec or as ZvtMessages.Unknown");
            }
        }
    }
}
