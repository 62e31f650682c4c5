package io.firstsettle.terminal;

import java.util.Set;

/**
 * The cash register's side of any ECR protocol, in the operations a first transaction needs. Each protocol is an
 * adapter ({@code terminal.zvt.ZvtRegister}, {@code terminal.concert.ConcertRegisterAdapter}); steps, the oracle and
 * the reports see only this port and its {@link Outcome}s.
 *
 * <p>An operation the protocol lacks throws {@link NotSupported}; {@link #capabilities()} says beforehand which ones
 * it has. A command that never reached the terminal is an {@link Outcome} with {@code reachedTerminal == false},
 * not an exception.
 */
public interface Register extends AutoCloseable {

    /** "zvt", "concert". */
    String protocol();

    /** What this register can ask of its terminal. */
    Set<Capability> capabilities();

    default boolean supports(Capability c) {
        return capabilities().contains(c);
    }

    /** Registration / log-on: the terminal accepts this register as its master. */
    Outcome logOn();

    Outcome sale(long amountMinor);

    Outcome refund(long amountMinor);

    /** Reversal (cancel) of {@code original}, an approved sale. */
    Outcome reversal(Outcome original);

    Outcome endOfDay();

    TerminalStatus status();

    /** Makes the register misbehave as {@code b} from now on (operator-error scenarios); abort is one of these. */
    void behave(RegisterBehaviour b);

    /** Closes the register's end of the line. */
    @Override
    void close();

    /** The {@link NotSupported} for {@code c} on this register's protocol. */
    default NotSupported notSupported(Capability c, String why) {
        return new NotSupported(c, protocol(), why);
    }
}
