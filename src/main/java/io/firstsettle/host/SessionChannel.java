package io.firstsettle.host;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.ToLongFunction;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;
import org.jpos.util.LogListener;
import org.jpos.util.Logger;

/**
 * The host's NACChannel (2-byte length, TPDU header) whose every session gets its own jPOS {@link Logger} with
 * {@code listener} on it. A channel reports each message it sends and receives to its logger, and a jPOS logger
 * synchronizes on its listener list each time: one logger shared by every session (the template's, which
 * {@link #clone()} would otherwise copy) made all sessions queue on one lock, twice per round trip.
 */
final class SessionChannel extends NACChannel {
    private final transient LogListener listener;
    private final String realm;
    private final transient ToLongFunction<Object> idleLeftMillis;

    /**
     * @param idleLeftMillis how long this channel may still stay silent (real ms; 0 or less: it is idle), asked when
     *                       the read's idle timeout runs out
     */
    SessionChannel(ISOPackager packager, byte[] header, LogListener listener, String realm,
                   ToLongFunction<Object> idleLeftMillis) throws IOException {
        super(packager, header);
        this.listener = listener;
        this.realm = realm;
        this.idleLeftMillis = idleLeftMillis;
        setLogger(logger(listener), realm);
    }

    /**
     * The wait for the next message's length, which the socket's timeout (the host's idle timeout) ends. A session
     * whose terminal still waits for the host's answer (a slow bank) is not idle: the read goes on instead of jPOS
     * closing the socket under the answer, and after the answer the idle time counts from the answer. The timeout
     * comes while no byte of the length has arrived (a terminal that sends half a length prefix and then stops while
     * owed an answer would be misread; none does).
     */
    @Override
    protected int getMessageLength() throws IOException, ISOException {
        Socket socket = getSocket();
        int full = getTimeout();
        try {
            while (true) {
                try {
                    return super.getMessageLength();
                } catch (SocketTimeoutException e) {
                    long left = idleLeftMillis.applyAsLong(this);
                    if (left <= 0 || socket == null) {
                        throw e;
                    }
                    socket.setSoTimeout((int) Math.min(left, full));
                }
            }
        } finally {
            restore(socket, full);
        }
    }

    private static void restore(Socket socket, int timeout) {
        if (socket != null && !socket.isClosed()) {
            try {
                socket.setSoTimeout(timeout);
            } catch (SocketException e) {
                // closed meanwhile: nothing to restore
            }
        }
    }

    private static Logger logger(LogListener listener) {
        Logger l = new Logger();
        l.addListener(listener);
        return l;
    }

    /** ISOServer clones the template for each accepted connection: the clone logs to a logger of its own. */
    @Override
    public Object clone() {
        SessionChannel c = (SessionChannel) super.clone();
        c.setLogger(logger(listener), realm);
        return c;
    }
}
