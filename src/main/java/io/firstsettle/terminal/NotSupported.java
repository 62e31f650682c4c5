package io.firstsettle.terminal;

/**
 * An operation the terminal's protocol (or this terminal under test) does not have: "end-of-day not supported by
 * concert". Steps turn it into a skipped scenario with this message as the reason, never into a verdict.
 */
public final class NotSupported extends RuntimeException {
    private final Capability capability;
    private final String by;

    public NotSupported(Capability capability, String by, String why) {
        super(capability.words() + " is not supported by " + by + (why == null || why.isBlank() ? "" : ": " + why));
        this.capability = capability;
        this.by = by;
    }

    public Capability capability() {
        return capability;
    }

    /** The protocol or terminal that lacks it ("concert", "emulated Concert terminal"). */
    public String by() {
        return by;
    }
}
