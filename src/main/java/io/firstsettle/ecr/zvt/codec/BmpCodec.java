package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.Hex;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes and encodes a sequence of BMPs ([ZVT-SPEC] ch.13, [ZVT-TP] §5.2.8).
 *
 * <pre>
 *  fixed:   | tag | value (n bytes)                      |
 *  LLVAR:   | tag | Fx Fy | value (xy bytes)             |   e.g. 22 F0 F8 55 98 ...  (8 bytes)
 *  LLLVAR:  | tag | Fx Fy Fz | value (xyz bytes)         |   e.g. 3C F1 F0 F0 ...     (100 bytes)
 *  TLV 06:  | 06  | BER length: 00..7F | 81 xx | 82 hi lo | TLV data |   (big-endian, unlike the APDU's FF lo hi)
 * </pre>
 *
 * An unknown BMP carries no length information, so decoding cannot step over it: it either fails or, with
 * tolerateUnknown, keeps the rest as one raw {@link BmpField} with tag {@link BmpField#RAW_REST}. The PT answers an
 * unknown BMP with {@code 84 83 00} ([ZVT-SPEC] ch.13, end).
 */
public final class BmpCodec {
    private BmpCodec() {
    }

    /**
     * Decodes the BMPs in {@code data} from {@code startOffset} to the end. Error offsets are indexes into
     * {@code data}, so pass the whole encoded APDU and its header length to get APDU offsets.
     */
    public static List<BmpField> decode(byte[] data, int startOffset, boolean tolerateUnknown) {
        List<BmpField> out = new ArrayList<>();
        int i = startOffset;
        while (i < data.length) {
            int tag = data[i] & 0xFF;
            BmpTag t = BmpTag.of(tag).orElse(null);
            if (t == null) {
                if (tolerateUnknown) {
                    out.add(new BmpField(BmpField.RAW_REST, Arrays.copyOfRange(data, i, data.length)));
                    return out;
                }
                throw new ZvtFormatException(i, "unknown BMP " + Hex.format(tag)
                        + ": its length is not known, so the rest cannot be decoded (a PT answers 84 83 00); "
                        + "decode with tolerateUnknown to keep the rest raw");
            }
            int valueStart;
            int len;
            switch (t.form()) {
                case FIXED -> {
                    valueStart = i + 1;
                    len = t.fixedLength();
                }
                case LLVAR -> {
                    len = varLength(data, i + 1, 2, tag);
                    valueStart = i + 3;
                }
                case LLLVAR -> {
                    len = varLength(data, i + 1, 3, tag);
                    valueStart = i + 4;
                }
                case TLV -> {
                    int lenStart = i + 1;
                    int[] ber = berLength(data, lenStart);
                    valueStart = lenStart; // value keeps the BER length bytes
                    len = ber[1] + ber[0];
                }
                default -> throw new IllegalStateException(t.form().name());
            }
            if (valueStart + len > data.length) {
                throw new ZvtFormatException(data.length, "BMP " + Hex.format(tag) + " (" + t.meaning() + ") at byte "
                        + i + " needs " + len + " value bytes, only " + (data.length - valueStart)
                        + " remain; the data block is truncated or its length prefix is wrong");
            }
            out.add(new BmpField(tag, Arrays.copyOfRange(data, valueStart, valueStart + len)));
            i = valueStart + len;
        }
        return out;
    }

    /** Decodes a whole data block whose first byte is at offset 0. */
    public static List<BmpField> decode(byte[] data) {
        return decode(data, 0, false);
    }

    /** Encodes BMPs in list order; a {@link BmpField#RAW_REST} field is appended as is. */
    public static byte[] encode(List<BmpField> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BmpField f : fields) {
            byte[] v = f.value();
            if (f.tag() == BmpField.RAW_REST) {
                out.writeBytes(v);
                continue;
            }
            BmpTag t = BmpTag.of(f.tag()).orElseThrow(() -> new IllegalArgumentException("BMP "
                    + Hex.format(f.tag()) + " is unknown: a receiver could not find its end; send it as RAW_REST"));
            out.write(f.tag());
            switch (t.form()) {
                case FIXED -> {
                    if (v.length != t.fixedLength()) {
                        throw new IllegalArgumentException("BMP " + Hex.format(f.tag()) + " (" + t.meaning()
                                + ") is fixed at " + t.fixedLength() + " bytes, got " + v.length);
                    }
                }
                case LLVAR -> out.writeBytes(varPrefix(v.length, 2, f.tag()));
                case LLLVAR -> out.writeBytes(varPrefix(v.length, 3, f.tag()));
                case TLV -> {
                    int[] ber = berLength(v, 0);
                    if (ber[0] + ber[1] != v.length) {
                        throw new IllegalArgumentException("BMP 06 value must be BER length + content: its length says "
                                + ber[1] + " content bytes, but " + (v.length - ber[0]) + " follow");
                    }
                }
                default -> throw new IllegalStateException(t.form().name());
            }
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    /** LLVAR/LLLVAR prefix: each digit as {@code F<d>}. */
    public static byte[] varPrefix(int len, int digits, int tag) {
        int max = digits == 2 ? 99 : 999;
        if (len > max) {
            throw new IllegalArgumentException("BMP " + Hex.format(tag) + " value of " + len + " bytes exceeds the "
                    + (digits == 2 ? "LLVAR" : "LLLVAR") + " maximum " + max);
        }
        byte[] p = new byte[digits];
        int v = len;
        for (int i = digits - 1; i >= 0; i--) {
            p[i] = (byte) (0xF0 | v % 10);
            v /= 10;
        }
        return p;
    }

    /** BER TLV length ({@code 00..7F}, {@code 81 xx}, {@code 82 hi lo}) for a value of {@code len} bytes. */
    public static byte[] berLength(int len) {
        if (len < 0x80) {
            return new byte[] {(byte) len};
        }
        if (len <= 0xFF) {
            return new byte[] {(byte) 0x81, (byte) len};
        }
        return new byte[] {(byte) 0x82, (byte) (len >>> 8), (byte) len};
    }

    private static int varLength(byte[] data, int off, int digits, int tag) {
        if (off + digits > data.length) {
            throw new ZvtFormatException(data.length, "BMP " + Hex.format(tag) + " needs a " + digits
                    + "-byte length prefix (F0..F9 each), the data ends first");
        }
        int len = 0;
        for (int k = 0; k < digits; k++) {
            int b = data[off + k] & 0xFF;
            if ((b & 0xF0) != 0xF0 || (b & 0x0F) > 9) {
                throw new ZvtFormatException(off + k, "BMP " + Hex.format(tag) + ": expected length digit F0..F9 ("
                        + (digits == 2 ? "LLVAR" : "LLLVAR") + "), found " + Hex.format(b));
            }
            len = len * 10 + (b & 0x0F);
        }
        return len;
    }

    /** Returns {lengthOfLengthBytes, contentLength} of the BER length at {@code off}. */
    private static int[] berLength(byte[] data, int off) {
        if (off >= data.length) {
            throw new ZvtFormatException(off, "TLV container (BMP 06) needs a BER length byte, the data ends first");
        }
        int b = data[off] & 0xFF;
        int[] r;
        if (b < 0x80) {
            r = new int[] {1, b};
        } else if (b == 0x81 && off + 1 < data.length) {
            r = new int[] {2, data[off + 1] & 0xFF};
        } else if (b == 0x82 && off + 2 < data.length) {
            r = new int[] {3, (data[off + 1] & 0xFF) << 8 | (data[off + 2] & 0xFF)};
        } else {
            throw new ZvtFormatException(off, "TLV container (BMP 06): expected BER length 00..7F, 81 xx or 82 hi lo,"
                    + " found " + Hex.format(b) + " ([ZVT-SPEC] §9.3.2; it is not LLLVAR)");
        }
        return r;
    }
}
