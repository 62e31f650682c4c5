package io.firstsettle.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;

/**
 * The host serves a fleet: idle connections beyond the session bound are refused one by one while the listener stays
 * open (jPOS's ISOServer alone closes its listening socket when its pool is full), idle sessions are closed after the
 * idle timeout, and a good terminal is served afterwards. One INFO line per session start/end, refusal and malformed
 * message.
 */
class HostSessionsTest {
    /** 300 s of lab time at scale 0.01: 3 s real. */
    private final LabClock clock = LabClock.scaled(0.01);
    private final List<Socket> idle = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Logger logger;
    private Level previousLevel;
    private AcquirerHost host;

    @BeforeEach
    void start() {
        logger = (Logger) LoggerFactory.getLogger(HostSessions.LOGGER);
        previousLevel = logger.getLevel();
        logger.setLevel(Level.INFO);
        log.start();
        logger.addAppender(log);
        // sign-on never reaches the bank: nobody needs to listen there
        host = AcquirerHost.start(HostConfig.defaults(URI.create("http://127.0.0.1:9/"), clock, null),
                new SessionLimits(4, Duration.ofSeconds(300)));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : idle) {
            s.close();
        }
        host.close();
        logger.detachAppender(log);
        logger.setLevel(previousLevel);
    }

    @Test
    void idleConnectionsBeyondTheBoundAreRefusedTheListenerStaysOpenAndAGoodTerminalIsServedAfterTheIdleTimeout()
            throws Exception {
        for (int i = 0; i < 4; i++) {
            idle.add(new Socket("127.0.0.1", host.port()));
        }
        Waits.until(LabClock.real(), "4 idle sessions open", Duration.ofSeconds(5),
                () -> host.sessions().open() == 4 ? java.util.Optional.of(true) : java.util.Optional.empty(),
                () -> host.sessions().toString());

        // the pool is full: six more connections each connect (the listener is open) and are dropped at once
        for (int i = 0; i < 6; i++) {
            Socket extra;
            try {
                extra = new Socket("127.0.0.1", host.port());
            } catch (ConnectException e) {
                throw new AssertionError("connection " + (i + 5) + " was refused by the kernel: the host closed its "
                        + "listening socket when its session pool was full", e);
            }
            idle.add(extra);
            assertTrue(droppedWithin(extra, 2_000), "connection " + (i + 5) + " beyond the bound of 4 was not dropped "
                    + "before the idle timeout: " + host.sessions());
        }
        assertEquals(6, host.sessions().refused(), host.sessions().toString());
        assertEquals(4, host.sessions().started(), host.sessions().toString());

        // the four idle sessions are closed by the host after 3 s of silence
        for (Socket s : idle.subList(0, 4)) {
            assertTrue(droppedWithin(s, 10_000), "an idle session was still open 10 s after a 3 s idle timeout");
        }
        Waits.until(LabClock.real(), "the idle sessions to be counted closed", Duration.ofSeconds(5),
                () -> host.sessions().open() == 0 ? java.util.Optional.of(true) : java.util.Optional.empty(),
                () -> host.sessions().toString());
        assertEquals(4, host.sessions().idleClosed(), host.sessions().toString());

        // a good terminal is served on the same, never-closed listener
        try (IsoTestClient terminal = new IsoTestClient(host.port(), host.packager())) {
            ISOMsg r = terminal.exchange(IsoTestClient.signOn("000001"));
            assertEquals("0810", r.getMTI());
            assertEquals("00", r.getString(39));
        }

        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertTrue(lines.stream().filter(l -> l.startsWith("refused connection from 127.0.0.1:")).count() == 6,
                String.join("\n", lines));
        assertTrue(lines.stream().filter(l -> l.startsWith("session start 127.0.0.1:")).count() >= 5,
                String.join("\n", lines));
        assertTrue(lines.stream().filter(l -> l.startsWith("session end") && l.contains("idle")).count() == 4,
                String.join("\n", lines));
        assertTrue(log.list.stream().allMatch(e -> e.getLevel() == Level.INFO));
    }

    @Test
    void aMalformedMessageIsLoggedWithTheTerminalsAddress() throws Exception {
        try (Socket s = new Socket("127.0.0.1", host.port())) {
            OutputStream out = s.getOutputStream();
            // NAC length 9, TPDU, then "MTI" 0200 with a bitmap announcing fields that never come
            out.write(new byte[] {0x00, 0x09, 0x60, 0x00, 0x01, 0x00, 0x00, 0x02, 0x00, (byte) 0xFF, (byte) 0xFF});
            out.flush();
            Waits.until(LabClock.real(), "the malformed message to be counted", Duration.ofSeconds(5),
                    () -> host.sessions().malformed() == 1 ? java.util.Optional.of(true) : java.util.Optional.empty(),
                    () -> host.sessions().toString());
        }
        String remoteLine = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(l -> l.startsWith("malformed message from 127.0.0.1:")).findFirst().orElse(null);
        assertTrue(remoteLine != null, log.list.toString());
    }

    /** Whether the host closed this connection within {@code ms}: end of stream or a reset. */
    private static boolean droppedWithin(Socket s, int ms) throws IOException {
        s.setSoTimeout(ms);
        InputStream in = s.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset by the host
        }
    }
}
