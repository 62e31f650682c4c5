package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One object inside a ZVT TLV container (BMP 06, [ZVT-SPEC] §9.3): a BER tag (1 to 3 bytes, kept as an int,
 * e.g. {@code 0x1F07}) and its value without the length bytes. A constructed tag (bit 6 of its first byte set, e.g.
 * 25, 26, 60) holds further objects, read with {@link #children()}.
 *
 * <p>{@link #toString()} is safe to log: it never shows more than the value's hex and the tag's name.
 */
public record TlvObject(int tag, byte[] value) {
    public TlvObject {
        if (tag < 0 || tag > 0xFFFFFF) {
            throw new IllegalArgumentException("TLV tag " + tag + " must be 1 to 3 bytes");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Bytes of the tag on the wire: {@code 0x1F07} -> {@code 1F 07}, {@code 0x25} -> {@code 25}. */
    public byte[] tagBytes() {
        if (tag > 0xFFFF) {
            return new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 8), (byte) tag};
        }
        if (tag > 0xFF) {
            return new byte[] {(byte) (tag >>> 8), (byte) tag};
        }
        return new byte[] {(byte) tag};
    }

    /** Bit 6 (0x20) of the first tag byte: the value is itself a list of TLV objects (ISO 8825-1, BER). */
    public boolean constructed() {
        return (tagBytes()[0] & 0x20) != 0;
    }

    /**
     * The objects inside a constructed tag; empty for a primitive one.
     *
     * @throws ZvtFormatException if the value is not a well-formed list of TLV objects
     */
    public List<TlvObject> children() {
        return constructed() ? TlvCodec.decodeObjects(value, 0, value.length) : List.of();
    }

    /** The tag as hex, "1F07". */
    public String tagHex() {
        return Hex.format(tagBytes()).replace(" ", "");
    }

    /** English name where the spec gives one ({@link TlvTag}), else empty. */
    public Optional<String> name() {
        return TlvTag.of(tag).map(TlvTag::english);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlvObject t && t.tag == tag && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "TLV " + tagHex() + name().map(n -> " " + n).orElse("") + " = " + (value.length == 0 ? "(empty)"
                : Hex.format(value));
    }
}
