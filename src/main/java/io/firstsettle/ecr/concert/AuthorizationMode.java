package io.firstsettle.ecr.concert;

/** The request's authorization field (§B): normal or forced. 4 chars in protocol E+, 1 char in the V2 layout. */
public enum AuthorizationMode {
    NORMAL("B010"),
    FORCED("B011");

    private final String wide;

    AuthorizationMode(String wide) {
        this.wide = wide;
    }

    String wire(RequestLayout layout) {
        return layout.wideFlags() ? wide : wide.substring(3);
    }

    static AuthorizationMode decode(String s, RequestLayout layout, int offset) {
        for (AuthorizationMode a : values()) {
            if (a.wire(layout).equals(s)) {
                return a;
            }
        }
        throw new ConcertFormatException("authorization", offset, "'" + s + "' is not " + NORMAL.wire(layout)
                + " (normal) or " + FORCED.wire(layout) + " (forced) in the " + layout + " layout");
    }
}
