package io.firstsettle.fault;

/** A fault profile value is wrong; {@link #field()} names it (dotted path) so the loader can point at its line. */
public final class FaultFieldException extends IllegalArgumentException {
    private final String field;

    public FaultFieldException(String field, String message) {
        super("field '" + field + "': " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
