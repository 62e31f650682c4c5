package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.ecr.zvt.message.ZvtCommand;
import io.firstsettle.core.Hex;
import java.util.Arrays;

/**
 * One ZVT application protocol data unit ([ZVT-TP] §5.2.1-5.2.4), as sent bare over TCP or inside a serial frame.
 *
 * <pre>
 *  short form (data &lt; 255 bytes):  | CLASS | INSTR | LEN 00..FE | data ... |
 *  extended  (data &gt;= 255 bytes):   | CLASS | INSTR | FF | LEN lo | LEN hi | data ... |
 *  responses use CCRC APRC in place of CLASS INSTR: 80 00 positive, 84 xx negative (xx = result code)
 * </pre>
 *
 * The extended length is little-endian (low byte first), unlike the BER length inside BMP 06.
 */
public record Apdu(int cls, int instr, byte[] data) {
    /** {@code 80 00 00}. */
    public static final Apdu POSITIVE_ACK = new Apdu(0x80, 0x00, new byte[0]);

    public Apdu {
        if (cls < 0 || cls > 0xFF || instr < 0 || instr > 0xFF) {
            throw new IllegalArgumentException("control field " + cls + " " + instr + " must be two bytes 0..255");
        }
        if (data == null) {
            data = new byte[0];
        }
        if (data.length > 0xFFFF) {
            throw new IllegalArgumentException("APDU data of " + data.length
                    + " bytes exceeds 65535, the largest extended length ([ZVT-TP] §5.2.4)");
        }
        data = data.clone();
    }

    /** {@code 84 code 00}: negative acknowledgement with a result code. */
    public static Apdu negativeAck(int code) {
        return new Apdu(0x84, code, new byte[0]);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Number of header bytes: 3 for the short form, 5 for FF lo hi. Data starts at this APDU offset. */
    public int headerLength() {
        return data.length >= 0xFF ? 5 : 3;
    }

    public byte[] encode() {
        int h = headerLength();
        byte[] out = new byte[h + data.length];
        out[0] = (byte) cls;
        out[1] = (byte) instr;
        if (h == 3) {
            out[2] = (byte) data.length;
        } else {
            out[2] = (byte) 0xFF;
            out[3] = (byte) data.length;
            out[4] = (byte) (data.length >>> 8);
        }
        System.arraycopy(data, 0, out, h, data.length);
        return out;
    }

    /**
     * Decodes exactly one APDU.
     *
     * @throws ZvtFormatException if the header is short, the length disagrees with the bytes present, or bytes trail
     */
    public static Apdu decode(byte[] bytes) {
        int consumed = lengthAt(bytes, 0);
        if (consumed != bytes.length) {
            throw new ZvtFormatException(consumed, (bytes.length - consumed) + " bytes after the end of the APDU (its LEN"
                    + " says it ends here); expected exactly one APDU, check the LEN byte or split the capture");
        }
        return decodeAt(bytes, 0);
    }

    /** Total encoded size of the APDU starting at {@code off}; validates header and length. */
    public static int lengthAt(byte[] bytes, int off) {
        int avail = bytes.length - off;
        if (avail < 3) {
            throw new ZvtFormatException(off + avail, "APDU header needs 3 bytes (CLASS INSTR LEN), found " + avail);
        }
        int len = bytes[off + 2] & 0xFF;
        int header = 3;
        if (len == 0xFF) {
            if (avail < 5) {
                throw new ZvtFormatException(off + avail, "LEN FF announces an extended length (FF lo hi), but only "
                        + avail + " header bytes are present");
            }
            len = (bytes[off + 3] & 0xFF) | (bytes[off + 4] & 0xFF) << 8;
            header = 5;
        }
        if (avail < header + len) {
            throw new ZvtFormatException(off + avail, "LEN says " + len + " data bytes, but only " + (avail - header)
                    + " follow; the APDU is truncated");
        }
        return header + len;
    }

    /** Decodes the APDU at {@code off} (callers use {@link #lengthAt} to find its end). */
    static Apdu decodeAt(byte[] bytes, int off) {
        int total = lengthAt(bytes, off);
        int header = (bytes[off + 2] & 0xFF) == 0xFF ? 5 : 3;
        return new Apdu(bytes[off] & 0xFF, bytes[off + 1] & 0xFF,
                Arrays.copyOfRange(bytes, off + header, off + total));
    }

    public ZvtCommand command() {
        return ZvtCommand.of(cls, instr).orElse(null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Apdu a && a.cls == cls && a.instr == instr && Arrays.equals(a.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (cls << 8 | instr) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Apdu[" + ZvtCommand.nameOf(cls, instr) + ": " + Hex.format(encode()) + "]";
    }
}
