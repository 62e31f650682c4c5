package io.firstsettle.host;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOServer;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.NACChannel;
import org.jpos.util.ThreadPool;

import io.firstsettle.core.Waits;
import io.firstsettle.fault.AppliedFault;
import io.firstsettle.fault.FaultKind;
import io.firstsettle.fault.FaultProfile;
import io.firstsettle.fault.HostMaintenanceMode;

/**
 * The acquirer host: a jPOS {@link ISOServer} speaking ISO 8583:1987 over {@link NACChannel}
 * (2-byte length + 5-byte TPDU header + message) to terminals, and HTTP/JSON to the bank through {@link BankClient}.
 *
 * <pre>
 *   +--------+--------+---------------------------------+
 *   | len(2) | TPDU(5)| MTI | bitmap | fields ...        |   len counts TPDU + message, big-endian
 *   +--------+--------+---------------------------------+
 *   TPDU 60 DDDD SSSS: jPOS swaps destination and source in the reply (5-byte headers only).
 * </pre>
 *
 * The field profile is fixtures/iso8583/README.md. Requests are handled on a worker pool as large as the session bound
 * (threads on demand), so that a reversal can arrive while the sale it reverses is still waiting for the bank, and a
 * fleet's sales do not queue behind each other's bank calls; network management (08xx), answered from memory, is
 * served on the session's own thread ({@link HostHandler#answersAtOnce}).
 */
public final class AcquirerHost implements AutoCloseable {
    private final HostConfig config;
    private final ISOServer server;
    private final ExecutorService workers;
    private final BankClient bank;
    private final HostJournal journal;
    private final ISOPackager packager;
    private final int port;
    private java.util.Map<String, AcquirerBook.TerminalState> terminals;
    private HostFaults faults;
    private AtomicReference<ServerSocket> listening;
    private AtomicBoolean closed;
    private HostSessions sessions;
    private AcquirerBook book;
    /** A physical terminal's durable record (sign-on, batch, STANs), saved when the host stops; null when emulated. */
    private TerminalRegistryFile registry;
    private String registryTid;

    private AcquirerHost(HostConfig config, ISOServer server, ExecutorService workers, BankClient bank,
                         HostJournal journal, ISOPackager packager, int port) {
        this.config = config;
        this.server = server;
        this.workers = workers;
        this.bank = bank;
        this.journal = journal;
        this.packager = packager;
        this.port = port;
    }

    /** Loads the field table and the response codes, binds the port and starts serving. */
    public static AcquirerHost start(HostConfig config) {
        return start(config, SessionLimits.defaults());
    }

    /** As {@link #start(HostConfig)}, serving at most {@code limits.maxSessions()} terminals at once. */
    public static AcquirerHost start(HostConfig config, SessionLimits limits) {
        return start(config, limits, new HostJournal(), new java.util.concurrent.ConcurrentHashMap<>());
    }

    /**
     * As {@link #start(HostConfig, SessionLimits)}, its journal keeping the last {@code journalCapacity} messages: a
     * fleet's shared host, whose every terminal is judged right after its end-of-day.
     */
    public static AcquirerHost start(HostConfig config, SessionLimits limits, int journalCapacity) {
        return start(config, limits, new HostJournal(journalCapacity), new java.util.concurrent.ConcurrentHashMap<>());
    }

    /**
     * A host for a physical terminal: what the acquirer knew about {@code tid} from earlier scenarios and runs (sign-on,
     * batch number, STANs seen) is loaded from {@code registry} before it serves, and saved back when it stops.
     */
    public static AcquirerHost startPersistent(HostConfig config, TerminalRegistryFile registry, String tid) {
        return startPersistent(config, registry, tid, new HostJournal());
    }

    /**
     * A housekeeping host for bringing a bench terminal to a known state: like {@link #startPersistent}, and its
     * journal holds the approvals earlier host lives gave the terminal, so that a batch an earlier scenario left open
     * can be uploaded (0320) and closed. Never used for a scenario: its journal is not a scenario's view.
     */
    public static AcquirerHost startHousekeeping(HostConfig config, TerminalRegistryFile registry, String tid) {
        return startPersistent(config, registry, tid, registry.seededJournal(tid));
    }

    private static AcquirerHost startPersistent(HostConfig config, TerminalRegistryFile registry, String tid,
                                                HostJournal journal) {
        java.util.Map<String, AcquirerBook.TerminalState> terminals = new java.util.concurrent.ConcurrentHashMap<>();
        registry.loadInto(tid, terminals);
        AcquirerHost host = start(config, SessionLimits.defaults(), journal, terminals);
        host.registry = registry;
        host.registryTid = tid;
        config.events().record("host", "terminal-record-loaded", java.util.Map.of("tid", tid,
                "file", registry.file(tid).toString(), "known", terminals.containsKey(tid)));
        return host;
    }

    /**
     * The host process restarts on the same port: it stops (open connections drop) and starts again. What a real host
     * keeps in its database survives: the journal (its exchange log) and the terminal registry (sign-on, batch numbers,
     * STANs seen, batch uploads). Its working memory is lost: the table of the open batch's sales, the reversals
     * received, and faults in force. A terminal's next 0500 therefore disagrees (95) until it uploads its batch (0320);
     * the host settles an uploaded sale only when its journal shows it approved it. Returns the new host; this one is
     * closed.
     */
    public AcquirerHost restart() {
        close();
        config.events().record("host", "restarting", java.util.Map.of("port", port,
                "kept", "journal, terminal registry", "lost", "open-batch table, reversals, faults"));
        AcquirerHost next = start(config.withPort(port), sessions.limits(), journal, terminals);
        next.registry = registry;
        next.registryTid = registryTid;
        return next;
    }

    private static AcquirerHost start(HostConfig config, SessionLimits limits, HostJournal journal,
                                      java.util.Map<String, AcquirerBook.TerminalState> terminals) {
        ISOPackager packager = IsoPackagers.load(config.packagerXml());
        ResponseCodes codes = ResponseCodes.load(config.responseCodesYaml());
        HostSessions sessions = new HostSessions(limits, config.clock(), config.events());
        NACChannel template;
        try {
            // each session's channel logs to its own jPOS logger, whose listener sees messages that fail to unpack
            template = new SessionChannel(packager, ISOUtil.hex2byte(config.tpduHex()), sessions,
                    "acquirer-host.channel", sessions::idleLeftMillis);
            template.setTimeout(sessions.idleTimeoutMillis()); // a silent session ends after the idle timeout
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot create the NACChannel template: " + e, e);
        }
        BankClient bank = new BankClient(config.bankBaseUrl(), config.bankBudget(), config.clock(), config.events());
        AtomicInteger n = new AtomicInteger();
        // up to one worker per open session: a request waits for the bank (and a reversal for its sale's bank
        // answer), so a fixed handful of workers made a fleet's sales queue behind each other past their timeout.
        // A thread starts only when none is idle and ends after 30 s idle; beyond the bound the session's own thread
        // does the work (that terminal's connection waits, nobody else's)
        ThreadPoolExecutor workers = new ThreadPoolExecutor(0, limits.maxSessions(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "host-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        HostFaults faults = new HostFaults(config.clock(), config.events());
        AtomicReference<ServerSocket> listening = new AtomicReference<>();
        AtomicBoolean closed = new AtomicBoolean();
        AcquirerBook book = new AcquirerBook(terminals, config.clock());
        HostHandler handler = new HostHandler(config, codes, bank, journal, faults, book);
        ISOServer server = new ISOServer(config.port(), template, new ThreadPool(1, sessions.poolSize(), "host-session"));
        server.addServerEventListener(sessions);
        try {
            server.setConfiguration(new SimpleConfiguration()); // without it shutdown() throws NPE (jPOS 2.1.10)
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure the ISOServer: " + e, e);
        }
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        server.setSocketFactory(requested -> {
            int p = bound.isDone() && !bound.isCompletedExceptionally() ? bound.join() : config.port();
            awaitPortReopened(config, faults, closed);
            ServerSocket ss;
            try {
                ss = bind(config.bindHost(), p, sessions);
            } catch (IOException e) {
                bound.completeExceptionally(e);
                throw e;
            }
            bound.complete(ss.getLocalPort());
            listening.set(ss);
            return ss;
        });
        server.addISORequestListener((source, msg) -> {
            sessions.touch(source);
            Runnable answer = () -> {
                try {
                    handler.handle(source, msg);
                } finally {
                    sessions.done(source);
                }
            };
            if (HostHandler.answersAtOnce(msg)) {
                answer.run(); // on the session's thread: nothing to wait for
            } else {
                workers.submit(answer);
            }
            return true;
        });
        Thread t = new Thread(server, "acquirer-host");
        t.setDaemon(true);
        t.start();
        int port;
        try {
            port = bound.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            server.shutdown();
            workers.shutdownNow();
            bank.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("acquirer host cannot listen on " + config.bindHost() + ":" + config.port()
                    + " (" + cause + ") — pick a free port or use 0 for an ephemeral one", cause);
        }
        config.events().record("host", "started", java.util.Map.of("bind", config.bindHost(), "port", port,
                "tpdu", config.tpduHex(), "packager", config.packagerXml().getFileName().toString()));
        AcquirerHost host = new AcquirerHost(config, server, workers, bank, journal, packager, port);
        host.faults = faults;
        host.terminals = terminals;
        host.listening = listening;
        host.closed = closed;
        host.sessions = sessions;
        host.book = book;
        return host;
    }

    /**
     * Binds the listening socket. A fixed port that is still held (a restart right after the old server's socket was
     * closed by jPOS on another thread) is tried again for up to 3 s before the bind error is reported.
     */
    private static ServerSocket bind(String host, int port, HostSessions sessions) throws IOException {
        IOException[] last = new IOException[1];
        java.util.function.Supplier<java.util.Optional<ServerSocket>> attempt = () -> {
            ServerSocket ss = null;
            try {
                ss = sessions.listeningSocket();
                ss.setReuseAddress(true);
                ss.bind(new InetSocketAddress(host, port), Math.max(50, sessions.limits().maxSessions()));
                return java.util.Optional.of(ss);
            } catch (IOException e) {
                last[0] = e;
                try {
                    if (ss != null) {
                        ss.close();
                    }
                } catch (IOException ignored) {
                    // nothing was bound
                }
                return java.util.Optional.empty();
            }
        };
        if (port == 0) {
            return attempt.get().orElseThrow(() -> last[0]);
        }
        try {
            return Waits.until(io.firstsettle.core.LabClock.real(), "port " + host + ":" + port + " to be free",
                    java.time.Duration.ofSeconds(3), attempt, () -> String.valueOf(last[0]));
        } catch (Waits.WaitTimeout held) {
            throw last[0] != null ? last[0] : new IOException(held.getMessage());
        }
    }

    /** Called by jPOS before it (re)binds: while a port-closed maintenance is active nobody is listening. */
    private static void awaitPortReopened(HostConfig config, HostFaults faults, AtomicBoolean closed)
            throws IOException {
        while (faults.portClosed() && !closed.get()) {
            try {
                Waits.until(config.clock(), "the end of the host's port-closed maintenance", java.time.Duration.ofHours(1),
                        () -> faults.portClosed() && !closed.get() ? java.util.Optional.empty()
                                : java.util.Optional.of(true),
                        () -> "the maintenance window is still open");
            } catch (Waits.WaitTimeout still) {
                config.events().record("fault", "host-port-still-closed", java.util.Map.of("port", config.port()));
            }
        }
        if (closed.get()) {
            throw new IOException("acquirer host closed during maintenance");
        }
    }

    /**
     * Applies a host-maintenance profile. {@code refuse}: every request of {@code terminalId} (null = all terminals) is
     * answered with the profile's response code, sign-on included. {@code port-closed}: the host stops listening (a
     * terminal's connect is refused) until the window ends or the fault is removed, then listens on the same port.
     */
    public AppliedFault apply(FaultProfile profile, String terminalId) {
        if (profile.kind() != FaultKind.HOST_MAINTENANCE) {
            throw new IllegalArgumentException("fault '" + profile.name() + "' is of kind " + profile.kind().wire()
                    + ": the host applies only host-maintenance; apply bank faults to the BankFake and link faults "
                    + "through a LinkFaultProxy");
        }
        HostFaults.Applied a = faults.add(profile, profile.mode() == HostMaintenanceMode.PORT_CLOSED ? null : terminalId,
                () -> { });
        if (profile.mode() == HostMaintenanceMode.PORT_CLOSED) {
            ServerSocket ss = listening.get();
            if (ss != null) {
                try {
                    ss.close(); // jPOS's accept loop fails and asks the socket factory again, which waits
                } catch (IOException e) {
                    config.events().record("fault", "host-port-close-failed", java.util.Map.of("error", e.toString()));
                }
            }
        }
        return a;
    }

    public int port() {
        return port;
    }

    /** Sessions started, open, refused connections, malformed messages and sessions closed idle so far. */
    public HostSessions.Counts sessions() {
        return sessions.counts();
    }

    public HostJournal journal() {
        return journal;
    }

    /**
     * A fleet's terminal is done for good (its day settled, its transaction judged): the host forgets it, its record,
     * open-batch sales, reversals and journal messages (see {@link AcquirerBook#retire}, {@link HostJournal#retire}).
     * Never call it for a terminal the oracle has yet to judge.
     */
    public void retire(String tid) {
        book.retire(tid);
        journal.retire(tid);
    }

    /** The packager the host uses, for clients in the same JVM. */
    public ISOPackager packager() {
        return packager;
    }

    public HostConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (closed != null) {
            closed.set(true);
        }
        server.shutdown();
        // jPOS closes its server socket on another thread; close it here too so the port is free when close() returns
        ServerSocket ss = listening == null ? null : listening.get();
        if (ss != null) {
            try {
                ss.close();
            } catch (IOException e) {
                config.events().record("host", "close-failed", java.util.Map.of("error", e.toString()));
            }
        }
        workers.shutdownNow();
        bank.close();
        if (registry != null) {
            registry.saveFrom(registryTid, terminals, journal);
        }
        config.events().record("host", "stopped", java.util.Map.of("port", port));
    }
}
