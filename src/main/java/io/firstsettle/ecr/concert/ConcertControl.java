package io.firstsettle.ecr.concert;

import java.util.Optional;

/**
 * The ASCII control bytes of the Concert / Telium "protocol E" link (protocols.md §B, [TELIUM] {@code manager.py}).
 * STX and ETX delimit a frame; ENQ, ACK, NAK and EOT are sent alone, outside any frame.
 */
public enum ConcertControl {
    STX(0x02, "start of text: a frame begins"),
    ETX(0x03, "end of text: the next byte is the LRC"),
    EOT(0x04, "end of transmission: the sender gives the line back"),
    ENQ(0x05, "enquiry: the sender asks for the line"),
    ACK(0x06, "acknowledge: line granted, or frame received with a good LRC"),
    NAK(0x15, "negative acknowledge: frame received with a bad LRC or cut short, send it again");

    private final int wire;
    private final String meaning;

    ConcertControl(int wire, String meaning) {
        this.wire = wire;
        this.meaning = meaning;
    }

    /** The byte on the wire (7-bit). */
    public int wire() {
        return wire;
    }

    public byte asByte() {
        return (byte) wire;
    }

    public String meaning() {
        return meaning;
    }

    /** The control for {@code b} (already reduced to 7 bits), if it is one. */
    public static Optional<ConcertControl> of(int b) {
        for (ConcertControl c : values()) {
            if (c.wire == b) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
