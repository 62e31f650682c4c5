package io.firstsettle.ecr.concert;

import static io.firstsettle.ecr.concert.RawConcertPeer.ACK;
import static io.firstsettle.ecr.concert.RawConcertPeer.ENQ;
import static io.firstsettle.ecr.concert.RawConcertPeer.EOT;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.IsoTerminalClient;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.emulator.concert.ConcertTerminal;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.host.HostJournal;
import io.firstsettle.host.IsoPackagers;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The emulated Concert terminal on the jssc end of a kernel pty (7E1), a register written from §B alone
 * ({@link RawConcertPeer}) on the master end, and behind the terminal a real jPOS host and WireMock bank, or a host that
 * answers the sign-on and then goes silent. The terminal can be restarted on the same state directory.
 */
final class ConcertHostBench implements AutoCloseable {
    static final Path FIXTURES = Path.of("fixtures").toAbsolutePath();
    /** How long the register waits for the terminal's ENQ with the answer (real ms). */
    static final int ANSWER_WAIT = 15_000;

    /**
     * The terminal's Concert timers: an ENQ unanswered for 400 ms (3 tries), 1 s for the ACK of a frame, 2 s for the
     * EOT: the register's byte handling has room on a loaded machine. Answer waits as in the defaults (A011: 10 s lab).
     */
    static final ConcertTimings TIMINGS = new ConcertTimings(Duration.ofMillis(400), 3, Duration.ofSeconds(1),
            Duration.ofSeconds(1), 2, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(120),
            Duration.ofSeconds(10));

    record Event(String source, String kind, Map<String, ?> fields) {
    }

    /** The terminal's lab clock (the host and bank keep the one they started with). */
    LabClock clock;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final EventSink sink = (s, k, f) -> events.add(new Event(s, k, Map.copyOf(f)));
    final TerminalProfile profile = TerminalProfile.load(FIXTURES.resolve("terminals/emulated-zvt.yaml"));
    final Path stateDir;
    final BankFake bank;
    final AcquirerHost host;
    final String tpdu;
    private final ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger forwardLeft =
            new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);
    PtyPair pair;
    ConcertTerminal terminal;
    RawConcertPeer register;

    ConcertHostBench(Path stateDir, double scale) throws IOException {
        this.stateDir = stateDir;
        this.clock = LabClock.scaled(scale);
        bank = BankFake.start(FIXTURES.resolve("bank"), clock);
        HostConfig hc = HostConfig.defaults(bank.baseUrl(), clock, sink)
                .withPackagerXml(FIXTURES.resolve("iso8583/iso87binary.xml"))
                .withResponseCodesYaml(FIXTURES.resolve("host/response-codes.yaml"));
        host = AcquirerHost.start(hc);
        tpdu = hc.tpduHex();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "host-gate");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The terminal's way to the host: the next {@code n} connections (one per ISO exchange: the sign-on is one) reach
     * the host, every later one is accepted, read by nobody and never answered.
     */
    void silenceAfter(int n) {
        forwardLeft.set(n);
    }

    private void acceptLoop() {
        while (!silent.isClosed()) {
            try {
                Socket in = silent.accept();
                held.add(in);
                if (forwardLeft.getAndDecrement() > 0) {
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), host.port());
                    held.add(out);
                    pipe(in, out);
                    pipe(out, in);
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
                to.shutdownOutput();
            } catch (IOException ignored) {
                // one side closed: the exchange is over
            }
        }, "host-gate-pipe");
        t.setDaemon(true);
        t.start();
    }

    /** Starts the terminal; with {@code signOnOnly} its host answers the sign-on and nothing after it. */
    ConcertHostBench start(Set<Defect> defects, boolean signOnOnly) {
        forwardLeft.set(signOnOnly ? 1 : Integer.MAX_VALUE);
        pair = PtyPair.open();
        register = new RawConcertPeer(pair.master());
        ConcertLink link = new ConcertLink(JsscBytePort.open(pair.slavePath(), ConcertLine.RS232_7E1.settings()),
                TIMINGS, ConcertLine.RS232_7E1.bit7(), sink, "terminal");
        IsoTerminalClient iso = new IsoTerminalClient("127.0.0.1", silent.getLocalPort(),
                IsoPackagers.load(FIXTURES.resolve("iso8583/iso87binary.xml")), tpdu, clock, sink);
        terminal = new ConcertTerminal(link, profile, iso, TerminalState.open(stateDir), clock, sink, defects).start();
        terminal.presentCard(CardProfile.load(FIXTURES.resolve("cards/visa-test.yaml")));
        return this;
    }

    /** Power cycle: a new terminal (and line) on the same state directory. */
    void restart(Set<Defect> defects, boolean signOnOnly) {
        stopTerminal();
        start(defects, signOnOnly);
    }

    /** As {@link #restart(Set, boolean)}, the new terminal's timers at lab scale {@code scale}. */
    void restart(Set<Defect> defects, boolean signOnOnly, double scale) {
        stopTerminal();
        clock = LabClock.scaled(scale);
        start(defects, signOnOnly);
    }

    private void stopTerminal() {
        terminal.close();
        pair.close();
    }

    /** The register's half of §B: ENQ, ACK, frame, ACK, EOT; then the terminal's: ENQ, ACK, frame, ACK, EOT. */
    byte[] transact(byte[] requestFrame) {
        send(requestFrame);
        register.expect(ENQ, ANSWER_WAIT);
        register.send(ACK);
        byte[] answer = register.readFrame(1000);
        register.send(ACK);
        register.expect(EOT, 1000);
        return answer;
    }

    /** The register ignores whatever the terminal sends for {@code millis} (it never ACKs the answer). */
    void ignore(int millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            register.next((int) Math.max(1, (end - System.nanoTime()) / 1_000_000L));
        }
    }

    void send(byte[] requestFrame) {
        register.send(ENQ);
        register.expect(ACK, 1000);
        register.send(requestFrame);
        register.expect(ACK, 1000);
        register.send(EOT);
    }

    /** A protocol E+ request from §B's field table: POS 01, card, EUR, no private data, normal authorization. */
    static byte[] request(long cents, char answerFlag, char type, String delay) {
        return RawConcertPeer.frame("01" + String.format("%08d", cents) + answerFlag + "1" + type + "978"
                + " ".repeat(10) + delay + "B010");
    }

    List<HostJournal.Entry> hostIn(String mti) {
        return host.journal().entries().stream().filter(e -> !e.isOut() && mti.equals(e.mti())).toList();
    }

    List<HostJournal.Entry> hostOut(String mti) {
        return host.journal().entries().stream().filter(e -> e.isOut() && mti.equals(e.mti())).toList();
    }

    long isoOut(String mti) {
        return events.stream().filter(e -> e.kind().equals("iso-out") && mti.equals(e.fields().get("mti"))).count();
    }

    List<Event> terminalEvents(String kind) {
        return events.stream().filter(e -> e.source().equals("terminal") && e.kind().equals(kind)).toList();
    }

    String tail() {
        List<Event> copy = new ArrayList<>(events);
        return copy.subList(Math.max(0, copy.size() - 25), copy.size()).toString();
    }

    @Override
    public void close() throws IOException {
        stopTerminal();
        silent.close();
        for (Socket s : held) {
            s.close();
        }
        host.close();
        bank.close();
    }
}
