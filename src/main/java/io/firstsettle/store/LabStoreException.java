package io.firstsettle.store;

/** The lab store could not be reached or refused a write; the message names the store and what to do. */
public final class LabStoreException extends Exception {
    public LabStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
