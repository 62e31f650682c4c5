package io.firstsettle.lab;

/** The lab itself failed (port gone, fixture broken, a server would not start): never a product result. */
public final class LabFault extends RuntimeException {
    public LabFault(String message) {
        super(message);
    }

    public LabFault(String message, Throwable cause) {
        super(message, cause);
    }
}
