package io.firstsettle.ecr.concert;

/**
 * The 1-char payment mode of request and answer (§B: {@code 1} card, {@code C} cheque, {@code U} CUP, …). The list in
 * the sources is open-ended, so any printable char is kept; {@link #meaning()} names the ones we know.
 */
public record PaymentMode(char wire) {
    public static final PaymentMode CARD = new PaymentMode('1');
    public static final PaymentMode CHEQUE = new PaymentMode('C');
    public static final PaymentMode CUP = new PaymentMode('U');

    public PaymentMode {
        if (wire < 0x20 || wire > 0x7E) {
            throw new ConcertFormatException("payment mode", 11, String.format("U+%04X is not printable ASCII",
                    (int) wire));
        }
    }

    public String meaning() {
        return switch (wire) {
            case '1' -> "card";
            case 'C' -> "cheque";
            case 'U' -> "China UnionPay";
            default -> "code '" + wire + "' (not in §B's list)";
        };
    }

    @Override
    public String toString() {
        return "'" + wire + "' " + meaning();
    }
}
