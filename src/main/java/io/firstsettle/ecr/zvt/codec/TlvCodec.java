package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.Hex;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure codec for the objects of a ZVT TLV container (BMP 06, [ZVT-SPEC] §9.2-9.3), BER style (ISO 8825-1):
 *
 * <pre>
 *  container:  06 | BER length | object object ...        (06 00 = an empty container, it only activates TLV)
 *  object:     tag (1-3 bytes) | BER length | value
 *  tag:        first byte with low 5 bits 11111 (xx & 1F == 1F) = more tag bytes follow, each with bit 8 set
 *              while another follows:  1F 07 = tag 1F07,  25 = tag 25
 *  BER length: 00..7F = the length | 81 xx = one length byte | 82 hi lo = two bytes, BIG-endian
 *              (the APDU's own FF lo hi is little-endian: two different rules in one message)
 * </pre>
 *
 * Every error is a {@link ZvtFormatException} whose offset is an index into the array handed in and which says what
 * was expected and found. Unknown tags are never an error: their value is kept as bytes.
 */
public final class TlvCodec {
    private TlvCodec() {
    }

    /**
     * The objects of a BMP 06 field (its value starts with the BER length, see {@link BmpField}).
     *
     * @throws IllegalArgumentException if the field is not BMP 06
     */
    public static List<TlvObject> decodeContainer(BmpField bmp06) {
        if (bmp06.tag() != 0x06) {
            throw new IllegalArgumentException("a TLV container is BMP 06, not " + bmp06);
        }
        byte[] v = bmp06.value();
        int[] len = berLength(v, 0);
        if (len[0] + len[1] != v.length) {
            throw new ZvtFormatException(0, "TLV container length says " + len[1] + " bytes, " + (v.length - len[0])
                    + " follow");
        }
        return decodeObjects(v, len[0], v.length);
    }

    /**
     * Decodes a whole container as it stands in a data block: {@code 06 <BER length> objects}.
     *
     * @throws ZvtFormatException if it is not BMP 06, or truncated, or has bytes after its end
     */
    public static List<TlvObject> decodeContainer(byte[] bytes) {
        if (bytes.length == 0 || (bytes[0] & 0xFF) != 0x06) {
            throw new ZvtFormatException(0, "a TLV container starts with BMP 06, found "
                    + (bytes.length == 0 ? "nothing" : Hex.format(bytes[0])));
        }
        int[] len = berLength(bytes, 1);
        int start = 1 + len[0];
        if (start + len[1] > bytes.length) {
            throw new ZvtFormatException(bytes.length, "TLV container length says " + len[1] + " bytes, only "
                    + (bytes.length - start) + " follow; the container is truncated");
        }
        if (start + len[1] < bytes.length) {
            throw new ZvtFormatException(start + len[1], (bytes.length - start - len[1])
                    + " bytes after the end of the TLV container");
        }
        return decodeObjects(bytes, start, bytes.length);
    }

    /** The TLV objects in {@code bytes[from, to)}; offsets in errors are indexes into {@code bytes}. */
    public static List<TlvObject> decodeObjects(byte[] bytes, int from, int to) {
        List<TlvObject> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            int tagStart = i;
            int tag = bytes[i++] & 0xFF;
            if ((tag & 0x1F) == 0x1F) {
                int more = 0;
                while (true) {
                    if (i >= to) {
                        throw new ZvtFormatException(i, "TLV tag starting " + Hex.format(bytes[tagStart])
                                + " at byte " + tagStart + " announces more tag bytes (low 5 bits 11111), the data"
                                + " ends first");
                    }
                    int b = bytes[i++] & 0xFF;
                    tag = tag << 8 | b;
                    if (++more > 2) {
                        throw new ZvtFormatException(tagStart, "TLV tag " + Hex.format(bytes, tagStart, i - tagStart)
                                + " is longer than 3 bytes; ZVT tags are 1 to 3 bytes");
                    }
                    if ((b & 0x80) == 0) {
                        break;
                    }
                }
            }
            int[] len = berLength(bytes, i, to);
            int valueStart = i + len[0];
            if (valueStart + len[1] > to) {
                throw new ZvtFormatException(to, "TLV object " + String.format("%X", tag) + " at byte " + tagStart
                        + " says " + len[1] + " value bytes, only " + (to - valueStart) + " remain; truncated");
            }
            byte[] value = new byte[len[1]];
            System.arraycopy(bytes, valueStart, value, 0, len[1]);
            out.add(new TlvObject(tag, value));
            i = valueStart + len[1];
        }
        return out;
    }

    /** The objects back to bytes (tag, shortest BER length, value), without the 06 and container length. */
    public static byte[] encodeObjects(List<TlvObject> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (TlvObject o : objects) {
            out.writeBytes(o.tagBytes());
            byte[] v = o.value();
            out.writeBytes(BmpCodec.berLength(v.length));
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    /** A BMP 06 field holding these objects (value = BER length + objects, as {@link BmpField} keeps it). */
    public static BmpField container(List<TlvObject> objects) {
        byte[] body = encodeObjects(objects);
        byte[] len = BmpCodec.berLength(body.length);
        byte[] v = new byte[len.length + body.length];
        System.arraycopy(len, 0, v, 0, len.length);
        System.arraycopy(body, 0, v, len.length, body.length);
        return new BmpField(0x06, v);
    }

    /** A constructed object holding {@code children}. */
    public static TlvObject constructed(int tag, List<TlvObject> children) {
        return new TlvObject(tag, encodeObjects(children));
    }

    private static int[] berLength(byte[] data, int off) {
        return berLength(data, off, data.length);
    }

    /** {lengthOfLengthBytes, contentLength} of the BER length at {@code off}, within {@code data[.., to)}. */
    static int[] berLength(byte[] data, int off, int to) {
        if (off >= to) {
            throw new ZvtFormatException(off, "a BER length byte (00..7F, 81 xx or 82 hi lo) was expected, the data"
                    + " ends first");
        }
        int b = data[off] & 0xFF;
        if (b < 0x80) {
            return new int[] {1, b};
        }
        if (b == 0x81) {
            if (off + 1 >= to) {
                throw new ZvtFormatException(to, "BER length 81 needs one more byte, the data ends first");
            }
            return new int[] {2, data[off + 1] & 0xFF};
        }
        if (b == 0x82) {
            if (off + 2 >= to) {
                throw new ZvtFormatException(to, "BER length 82 needs two more bytes (hi lo), the data ends first");
            }
            return new int[] {3, (data[off + 1] & 0xFF) << 8 | (data[off + 2] & 0xFF)};
        }
        throw new ZvtFormatException(off, "BER length " + Hex.format(b) + " is not 00..7F, 81 xx or 82 hi lo"
                + " ([ZVT-SPEC] §9.3.2; ZVT has no indefinite or longer lengths)");
    }
}
