package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One BMP of a data block: the tag byte and its value without the length prefix. Exception: BMP 06 (TLV container)
 * keeps its BER length bytes in {@code value}, so a container round-trips byte-exact whatever length form the sender
 * chose. {@code tag == -1} holds undecoded rest bytes (see {@link BmpCodec#decode} with tolerateUnknown).
 *
 * <p>{@link #toString()} is safe to log: BMP 22/23 show a masked PAN (first 6 / last 4).
 */
public record BmpField(int tag, byte[] value) {
    /** Tag of the raw rest kept when decoding stopped at an unknown BMP. */
    public static final int RAW_REST = -1;

    public BmpField {
        if (tag < RAW_REST || tag > 0xFF) {
            throw new IllegalArgumentException("BMP tag " + tag + " must be a byte (or -1 for a raw rest)");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public Optional<BmpTag> bmpTag() {
        return BmpTag.of(tag);
    }

    /** English name, e.g. "amount (minor units)", or "unknown BMP 9F". */
    public String name() {
        if (tag == RAW_REST) {
            return "undecoded rest";
        }
        return bmpTag().map(BmpTag::meaning).orElse("unknown BMP " + Hex.format(tag));
    }

    /** A readable rendering of the value: BCD as digits, ASCII as quoted text, PAN masked, binary as hex. */
    public String displayValue() {
        if (tag == 0x22 || tag == 0x23) {
            return Pan.masked(value);
        }
        if (tag == 0x2D || tag == 0x24 || tag == 0x3A) {
            // track 1 carries the PAN as text, track 3 card data, 3A the CVV: never shown
            return "(" + value.length + " bytes of card data, not shown)";
        }
        BmpTag t = bmpTag().orElse(null);
        if (t == null) {
            return Hex.format(value);
        }
        try {
            return switch (t.encoding()) {
                case BCD -> value.length <= 9 ? Bcd.digits(value, 0, value.length) : Hex.format(value);
                case ASCII -> "\"" + new String(value, StandardCharsets.ISO_8859_1)
                        .replace("\0", "\\0") + "\"";
                case BINARY -> value.length == 1 ? Hex.format(value[0]) + " (" + (value[0] & 0xFF) + ")"
                        : Hex.format(value);
            };
        } catch (ZvtFormatException e) {
            return Hex.format(value) + " (not valid BCD)";
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BmpField f && f.tag == tag && Arrays.equals(f.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * tag + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        String t = tag == RAW_REST ? "--" : Hex.format(tag);
        return "BMP " + t + " " + name() + " = " + displayValue();
    }
}
