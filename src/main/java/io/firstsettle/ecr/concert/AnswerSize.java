package io.firstsettle.ecr.concert;

/** The request's answer flag (§B): whether the terminal answers with the 55-char report (full) or without (short). */
public enum AnswerSize implements ConcertCode {
    /** '1': the full answer, 80 payload chars, an 83-byte frame. */
    FULL('1', 80),
    /** '0': the short answer, 25 payload chars, a 28-byte frame. */
    SHORT('0', 25);

    private final char wire;
    private final int payloadLength;

    AnswerSize(char wire, int payloadLength) {
        this.wire = wire;
        this.payloadLength = payloadLength;
    }

    @Override
    public char wire() {
        return wire;
    }

    /** Chars between STX and ETX of the answer; the frame adds 3 (STX, ETX, LRC). */
    public int payloadLength() {
        return payloadLength;
    }

    static AnswerSize decode(char c, int offset) {
        return ConcertCode.lookup(values(), c).orElseThrow(() -> new ConcertFormatException(
                "answer flag", offset, "'" + c + "' is not 1 (full answer) or 0 (short)"));
    }
}
