package io.firstsettle.terminal;

/** How a cash register misbehaves in an operator-error scenario, until the next operation ends. */
public enum RegisterBehaviour {
    /** The register says it prints but never acknowledges the terminal's receipt lines. */
    IGNORES_PRINT_LINES(Capability.PRINT_LINES),
    /** The cashier presses abort while the terminal waits for the host during the next sale. */
    ABORTS_WHILE_WAITING_FOR_HOST(Capability.ABORT);

    private final Capability needs;

    RegisterBehaviour(Capability needs) {
        this.needs = needs;
    }

    public Capability needs() {
        return needs;
    }
}
