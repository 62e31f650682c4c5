package io.firstsettle.ecr.concert;

/** The answer's 1-char status (protocols.md §B). */
public enum AnswerStatus {
    SUCCESS('0', "transaction done (approved)"),
    REJECTED('7', "transaction rejected"),
    NOT_VERIFIED('9', "not verified");

    private final char wire;
    private final String meaning;

    AnswerStatus(char wire, String meaning) {
        this.wire = wire;
        this.meaning = meaning;
    }

    public char wire() {
        return wire;
    }

    public String meaning() {
        return meaning;
    }

    static AnswerStatus decode(char c, int offset) {
        for (AnswerStatus s : values()) {
            if (s.wire == c) {
                return s;
            }
        }
        throw new ConcertFormatException("status", offset, "'" + c + "' is not 0 (success), 7 (rejected) or 9"
                + " (not verified)");
    }
}
