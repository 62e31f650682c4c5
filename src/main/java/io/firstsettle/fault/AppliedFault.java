package io.firstsettle.fault;

/**
 * A fault in force: returned by {@code BankFake.apply}, {@code AcquirerHost.apply} and {@code LinkFaultProxy}; one call
 * removes it. Removing twice is harmless.
 */
public interface AppliedFault extends AutoCloseable {
    FaultProfile profile();

    /** The terminal the fault is scoped to, or null when it hits every terminal (a closed host port). */
    String terminalId();

    /** True until removed and while its window (if any) has not passed on the lab clock. */
    boolean active();

    void remove();

    @Override
    default void close() {
        remove();
    }
}
