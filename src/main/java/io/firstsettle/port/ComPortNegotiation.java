package io.firstsettle.port;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.commons.net.telnet.TelnetNotificationHandler;
import org.apache.commons.net.telnet.TelnetOptionHandler;

/**
 * The client's side of COM-PORT-OPTION (44) on a commons-net {@code TelnetClient}: it offers {@code WILL 44} when the
 * connection opens, keeps the server's answers (code + 100 and value) and records the negotiation for error messages.
 * commons-net calls it on the thread that reads the connection; {@link Rfc2217BytePort} waits on it.
 *
 * <p>The waits here are monitor waits with a deadline, not {@code core.Waits}: the answer is an event pushed by the
 * reading thread, so the waiter wakes on it at once; Awaitility could only poll for it, which would add up to a poll
 * interval to each of the five round trips of an open.
 */
final class ComPortNegotiation extends TelnetOptionHandler implements TelnetNotificationHandler {
    private final List<String> log = new ArrayList<>();
    private final Map<Integer, byte[]> answers = new HashMap<>();
    private Boolean accepted;

    ComPortNegotiation() {
        // we offer WILL 44 at once and accept the server's DO; we never ask the server to do it
        super(ComPortCommand.OPTION, true, false, true, false);
    }

    /** Called by commons-net for {@code IAC SB 44 ... IAC SE} from the server: {@code data[0]} is 44. */
    @Override
    public int[] answerSubnegotiation(int[] data, int length) {
        if (length < 2) {
            note("got an empty COM-PORT-OPTION sub-negotiation");
            return null;
        }
        byte[] value = new byte[length - 2];
        for (int i = 2; i < length; i++) {
            value[i - 2] = (byte) data[i];
        }
        synchronized (this) {
            answers.put(data[1], value);
            log.add("got " + data[1] + " " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(value));
            notifyAll();
        }
        return null; // nothing to send back
    }

    @Override
    public void receivedNegotiation(int type, int option) {
        String verb = switch (type) {
            case RECEIVED_DO -> "DO";
            case RECEIVED_DONT -> "DONT";
            case RECEIVED_WILL -> "WILL";
            case RECEIVED_WONT -> "WONT";
            default -> "command";
        };
        synchronized (this) {
            log.add("got " + verb + " " + option);
            if (option == ComPortCommand.OPTION && (type == RECEIVED_DO || type == RECEIVED_DONT)
                    && accepted == null) {
                accepted = type == RECEIVED_DO;
            }
            notifyAll();
        }
    }

    synchronized void note(String line) {
        log.add(line);
    }

    synchronized List<String> log() {
        return List.copyOf(log);
    }

    /** Forgets an earlier answer with this code, before the command is sent again. */
    synchronized void forget(int answerCode) {
        answers.remove(answerCode);
    }

    /** Wakes every waiter (the connection is gone). */
    synchronized void wake() {
        notifyAll();
    }

    /**
     * Waits until the server said DO or DONT 44, or the deadline ({@link System#nanoTime}) passes.
     *
     * @return TRUE / FALSE for DO / DONT, null when nothing came in time or {@code gone} says the link is gone
     */
    synchronized Boolean awaitDecision(long deadlineNanos, java.util.function.BooleanSupplier gone)
            throws InterruptedException {
        while (accepted == null && !gone.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
        return accepted;
    }

    /**
     * Waits for the server's answer with {@code answerCode} whose value {@code fits}.
     *
     * @return the answer's value, or null when none came before the deadline or the link is gone
     */
    synchronized byte[] awaitAnswer(int answerCode, Predicate<byte[]> fits, long deadlineNanos,
                                    java.util.function.BooleanSupplier gone) throws InterruptedException {
        while (true) {
            byte[] got = answers.get(answerCode);
            if (got != null && fits.test(got)) {
                return Arrays.copyOf(got, got.length);
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || gone.getAsBoolean()) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
    }
}
