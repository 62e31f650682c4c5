package io.firstsettle.ecr.concert;

/**
 * Which request layout a terminal speaks (protocols.md §B). The two differ only in the width of the last two fields.
 *
 * <pre>
 *  offset 0    2          10   11   12   13    16           26                 30 (V2: 27)        34 (V2: 28)
 *         | POS| amount   | AF | PM | TT | cur | private    | delay            | auth             |
 *           2     8         1    1    1    3     10           4 (V2: 1)          4 (V2: 1)
 * </pre>
 * </pre>
 */
public enum RequestLayout {
    /** Protocol E+ ([TELIUM] {@code TeliumAsk.encode}): 34 chars, delay {@code A010}/{@code A011}, auth {@code B010}/{@code B011}. */
    E_PLUS(34, true),
    /**
     * [PAYXPERT] "Concert V2 – Legacy": 28 chars with 1-char delay and auth. §B gives only the widths; the values
     * {@code 0}/{@code 1} are our inference from the 4-char form [UNVERIFIED].
     */
    V2_SHORT_FLAGS(28, false);

    private final int length;
    private final boolean wideFlags;

    RequestLayout(int length, boolean wideFlags) {
        this.length = length;
        this.wideFlags = wideFlags;
    }

    /** Payload chars between STX and ETX. */
    public int length() {
        return length;
    }

    boolean wideFlags() {
        return wideFlags;
    }

    int flagWidth() {
        return wideFlags ? 4 : 1;
    }

    /** The layout with this payload length, or null. */
    static RequestLayout ofLength(int n) {
        for (RequestLayout l : values()) {
            if (l.length == n) {
                return l;
            }
        }
        return null;
    }
}
