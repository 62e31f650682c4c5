package io.firstsettle.ecr.concert;

/**
 * A Concert message that cannot be encoded or decoded. Names the field and its char offset in the payload (the
 * byte after STX is offset 0), so a trace can be checked against protocols.md §B by hand.
 */
public final class ConcertFormatException extends RuntimeException {
    private final String field;
    private final int offset;

    public ConcertFormatException(String field, int offset, String problem) {
        super("Concert field '" + field + "' at payload offset " + offset + ": " + problem);
        this.field = field;
        this.offset = offset;
    }

    /** The §B field name ("amount", "currency", ...), or "length" when the payload size fits no layout. */
    public String field() {
        return field;
    }

    /** Char offset in the payload (0 = first byte after STX). */
    public int offset() {
        return offset;
    }
}
