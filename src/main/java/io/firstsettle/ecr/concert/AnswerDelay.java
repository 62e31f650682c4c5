package io.firstsettle.ecr.concert;

/**
 * The request's answer delay (§B "delay"): answer when the transaction has ended, or at once. Protocol E+ sends it
 * as 4 chars ({@code A010}/{@code A011}, [TELIUM]); the 28-char Concert V2 layout ([PAYXPERT]) as 1 char, which we
 * take to be the last char of the 4-char form ({@code 0}/{@code 1}) — an inference, see {@link RequestLayout}.
 */
public enum AnswerDelay {
    /** Answer at the end of the transaction: the register waits up to {@link ConcertTimings#answerAtEnd()}. */
    AT_END("A010"),
    /** Answer at once: the register waits up to {@link ConcertTimings#answerAtOnce()}. */
    AT_ONCE("A011");

    private final String wide;

    AnswerDelay(String wide) {
        this.wide = wide;
    }

    String wire(RequestLayout layout) {
        return layout.wideFlags() ? wide : wide.substring(3);
    }

    static AnswerDelay decode(String s, RequestLayout layout, int offset) {
        for (AnswerDelay d : values()) {
            if (d.wire(layout).equals(s)) {
                return d;
            }
        }
        throw new ConcertFormatException("delay", offset, "'" + s + "' is not " + AT_END.wire(layout)
                + " (answer at end) or " + AT_ONCE.wire(layout) + " (answer at once) in the " + layout + " layout");
    }
}
