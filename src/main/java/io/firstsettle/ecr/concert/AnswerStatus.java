package io.firstsettle.ecr.concert;

/** The answer's 1-char status (protocols.md §B). */
public enum AnswerStatus implements ConcertCode {
    SUCCESS('0', "transaction done (approved)"),
    REJECTED('7', "transaction rejected"),
    NOT_VERIFIED('9', "not verified");

    private final char wire;
    private final String meaning;

    AnswerStatus(char wire, String meaning) {
        this.wire = wire;
        this.meaning = meaning;
    }

    @Override
    public char wire() {
        return wire;
    }

    public String meaning() {
        return meaning;
    }

    static AnswerStatus decode(char c, int offset) {
        return ConcertCode.lookup(values(), c).orElseThrow(() -> new ConcertFormatException(
                "status", offset, "'" + c + "' is not 0 (success), 7 (rejected) or 9"
                + " (not verified)"));
    }
}
