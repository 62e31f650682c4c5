package io.firstsettle.emulator;

import io.firstsettle.core.LabClock;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real TCP hop between the emulated terminal and the real acquirer host that can go silent (accepts and never
 * answers) or hold the host's answer back, so host timeouts happen without touching the host. The mode is taken per
 * connection when it is accepted; {@link #delayNext(Duration)} affects the next connection only.
 */
final class HostProxy implements AutoCloseable {
    enum Mode { FORWARD, SILENT }

    private final ServerSocket server;
    private final int upstreamPort;
    private final LabClock clock;
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.FORWARD);
    private final AtomicReference<Duration> delayNext = new AtomicReference<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    HostProxy(int upstreamPort, LabClock clock) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.clock = clock;
        Thread t = new Thread(this::acceptLoop, "host-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void mode(Mode m) {
        mode.set(m);
    }

    /** The next connection's answers from the host reach the terminal only after {@code lab} (lab time). */
    void delayNext(Duration lab) {
        delayNext.set(lab);
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Mode m = mode.get();
                Duration delay = delayNext.getAndSet(null);
                Thread t = new Thread(() -> serve(s, m, delay), "host-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client, Mode m, Duration delay) {
        try (client) {
            if (m == Mode.SILENT) {
                client.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            try (Socket up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                Thread toHost = new Thread(() -> pipe(client, up, null), "host-proxy-up");
                toHost.setDaemon(true);
                toHost.start();
                pipe(up, client, delay);
            }
        } catch (IOException e) {
            // the terminal or the host closed the connection; that is what a timeout looks like
        }
    }

    private void pipe(Socket from, Socket to, Duration delay) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (delay != null) {
                    clock.pause(delay);
                    delay = null;
                }
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            // closed underneath
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
