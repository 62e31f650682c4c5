package io.firstsettle.terminal;

import java.util.Set;

/**
 * A register that passes every operation to the protocol's own register: the base of a register that changes one or
 * two of them (an end-of-day the harness or the terminal's schedule provides, where the protocol has no request for
 * it) and leaves the rest as the protocol does it.
 */
public abstract class ForwardingRegister implements Register {
    protected final Register protocol;

    protected ForwardingRegister(Register protocol) {
        this.protocol = protocol;
    }

    @Override
    public String protocol() {
        return protocol.protocol();
    }

    @Override
    public Set<Capability> capabilities() {
        return protocol.capabilities();
    }

    @Override
    public Outcome logOn() {
        return protocol.logOn();
    }

    @Override
    public Outcome sale(long amountMinor) {
        return protocol.sale(amountMinor);
    }

    @Override
    public Outcome refund(long amountMinor) {
        return protocol.refund(amountMinor);
    }

    @Override
    public Outcome reversal(Outcome original) {
        return protocol.reversal(original);
    }

    @Override
    public Outcome endOfDay() {
        return protocol.endOfDay();
    }

    @Override
    public TerminalStatus status() {
        return protocol.status();
    }

    @Override
    public void behave(RegisterBehaviour b) {
        protocol.behave(b);
    }

    @Override
    public void close() {
        protocol.close();
    }
}
