package io.firstsettle.host;

import java.io.IOException;

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

    SessionChannel(ISOPackager packager, byte[] header, LogListener listener, String realm) throws IOException {
        super(packager, header);
        this.listener = listener;
        this.realm = realm;
        setLogger(logger(listener), realm);
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
