package io.firstsettle.fault;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;

/** One connection through a {@link LinkFaultProxy}: both sockets and the state of the fault on its current exchange. */
final class ProxyLink {
    final Socket terminal;
    volatile Socket host;
    volatile int bytesPerSecond;
    /** The fault that hit the current request (null = none) and that request's MTI. */
    volatile ArmedLinkFault hit;
    volatile String hitMti;
    /** Half-open: everything from here on is read and never passed on. */
    volatile boolean swallowing;
    private final Set<Socket> open;

    ProxyLink(Socket terminal, Set<Socket> open) {
        this.terminal = terminal;
        this.open = open;
    }

    void closeBoth() {
        close(terminal);
        open.remove(terminal);
        Socket h = host;
        if (h != null) {
            close(h);
            open.remove(h);
        }
    }

    /** Reads and drops everything until the far side closes (half-open). */
    static void swallow(InputStream in) throws IOException {
        byte[] buf = new byte[1024];
        while (in.read(buf) >= 0) {
            // half-open: read and never answer
        }
    }

    /** Closes with an RST (SO_LINGER 0) instead of a FIN. */
    static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException ignored) {
            // already closed
        }
        close(s);
    }

    static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
