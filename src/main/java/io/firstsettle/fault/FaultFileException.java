package io.firstsettle.fault;

/** A fault file is missing or broken. The message reads {@code FILE:LINE: field 'F': what is wrong — what to do}. */
public final class FaultFileException extends RuntimeException {
    public FaultFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
