package io.firstsettle.ecr.zvt.codec;

/**
 * A ZVT APDU or BMP that does not follow the wire format. Carries the byte offset (into the APDU, counting the control
 * field as bytes 0 and 1) and says what was expected and what was found.
 */
public final class ZvtFormatException extends RuntimeException {
    private final int offset;

    public ZvtFormatException(int offset, String message) {
        super("at byte " + offset + ": " + message);
        this.offset = offset;
    }

    /** Offset of the offending byte in the APDU (or in the array handed to the decoder). */
    public int offset() {
        return offset;
    }
}
