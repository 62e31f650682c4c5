package io.firstsettle.fault;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a serial-line fault ({@link SerialFault}) does to the bytes between register and terminal. */
public enum SerialAction {
    DROP("drop", "loses bytes: the nth byte of a hit frame, or each byte with a probability (share)"),
    FLIP("flip", "flips one bit of a hit frame (its last CRC byte unless nth says otherwise): the receiver NAKs it"),
    GARBAGE("garbage", "inserts noise bytes between frames, right after a hit frame"),
    GAP("gap", "holds a hit frame mid-way for longer than T1: the receiver cuts it and NAKs"),
    NAK_STORM("nak-storm", "for a while every frame is NAKed: it never reaches the receiver, the sender gets NAK"),
    SWALLOW_ACK("swallow-ack", "the receiver's ACK of a frame is lost: the sender repeats the frame after T2"),
    CUT("cut", "the cable is pulled: nothing passes either way for a while (or until the fault is removed)"),
    BAUD_MISMATCH("baud-mismatch", "the two ends run different line settings: every byte arrives as noise");

    private final String wire;
    private final String meaning;

    SerialAction(String wire, String meaning) {
        this.wire = wire;
        this.meaning = meaning;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public String meaning() {
        return meaning;
    }

    /** True for the actions that hit whole frames (the rest act on a time window). */
    public boolean perFrame() {
        return this == FLIP || this == GARBAGE || this == GAP || (this == DROP);
    }
}
