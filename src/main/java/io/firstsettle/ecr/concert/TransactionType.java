package io.firstsettle.ecr.concert;

/**
 * The request's 1-char transaction type (protocols.md §B, from [TELIUM] {@code constant.py}).
 *
 * <p>Ambiguous in the sources: [TELIUM] names '1' "credit" and '2' "refund"; PayXpert's Concert V3 pages use '1'
 * for refund and '2' for cancellation in their CD tag. Which code a terminal takes for a refund is therefore set in
 * {@link ConcertRegisterSettings}, not fixed here.
 */
public enum TransactionType implements ConcertCode {
    DEBIT('0', "debit (sale)"),
    CREDIT('1', "credit"),
    REFUND('2', "refund ([TELIUM]); cancellation in Concert V3"),
    AUTO('4', "auto");

    private final char wire;
    private final String meaning;

    TransactionType(char wire, String meaning) {
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

    static TransactionType decode(char c, int offset) {
        return ConcertCode.lookup(values(), c).orElseThrow(() -> new ConcertFormatException(
                "transaction type", offset, "'" + c + "' is not one of 0 (debit),"
                + " 1 (credit), 2 (refund), 4 (auto)"));
    }
}
