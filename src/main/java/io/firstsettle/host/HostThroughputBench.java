package io.firstsettle.host;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOServer;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.NACChannel;
import org.jpos.util.ThreadPool;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

/**
 * Round trips per second through the firstsettle host against its baseline, measured from outside in the same process:
 * jPOS clients (NACChannel, the host's TPDU, the host's packager) send 0800 sign-ons, each on its own connection and
 * TID, and wait for every answer. The baseline is a bare jPOS {@link ISOServer} with the same channel and packager whose
 * listener answers each request at once (a clone with the response MTI and DE39 00). Sign-ons never reach the bank,
 * so the figure is the host's own cost: its journal, masking, dialect and session bookkeeping (a sign-on is answered
 * on the session's thread, as every request the host answers from memory).
 */
public final class HostThroughputBench {
    /**
     * Round trips per second of the firstsettle host and of the bare echo with {@code clients} clients, and the
     * process CPU time per round trip of each (clients included, the same for both): on a shared machine the CPU
     * ratio moves less with other load than the throughput ratio does.
     */
    public record Figure(int clients, double hostPerSecond, double echoPerSecond, double hostCpuMicros,
                         double echoCpuMicros) {
        public double ratio() {
            return echoPerSecond == 0 ? 0 : hostPerSecond / echoPerSecond;
        }

        /** Echo CPU per round trip over host CPU per round trip: 1.0 = the host costs no more than a bare server. */
        public double cpuRatio() {
            return hostCpuMicros == 0 ? 0 : echoCpuMicros / hostCpuMicros;
        }
    }

    /** [round trips per second, process CPU microseconds per round trip]. */
    private record Run(double perSecond, double cpuMicros) {
        static final Run ZERO = new Run(0, 0);

        Run plus(Run o) {
            return new Run(perSecond + o.perSecond, cpuMicros + o.cpuMicros);
        }
    }

    /** Measuring turns per side, host and echo alternating. */
    private static final int TURNS = 4;
    private static final int BENCH_JOURNAL_MESSAGES = 10_000;

    private HostThroughputBench() {
    }

    /**
     * @param packagerXml the host's field table (fixtures/iso8583/iso87binary.xml)
     * @param bankBase    a bank URL for the host's configuration; sign-ons never call it
     * @param millis      measuring time per figure (in {@value #TURNS} turns per side), after as long again of warm-up
     *                    of each side
     */
    public static Figure measure(Path packagerXml, Path responseCodes, URI bankBase, int clients, long millis)
            throws Exception {
        LabClock clock = LabClock.real();
        HostConfig cfg = HostConfig.defaults(bankBase, clock, EventSink.NONE).withPackagerXml(packagerXml)
                .withResponseCodesYaml(responseCodes);
        ISOPackager packager = IsoPackagers.load(packagerXml);
        AtomicReference<java.net.ServerSocket> bound = new AtomicReference<>();
        // shaped like a fleet's shared host: its journal keeps the last messages (an unbounded one would grow by
        // every round trip of the bench, far beyond any scenario's, and its garbage collection with it)
        try (AcquirerHost h = AcquirerHost.start(cfg, SessionLimits.defaults(), BENCH_JOURNAL_MESSAGES)) {
            ISOServer echo = echoServer(packager, cfg.tpduHex(), bound);
            try {
                int echoPort = bound.get().getLocalPort();
                // both warmed before either is measured, then measured in turns: the JIT compiles the code both share
                // (channel, packager, clients) during the warm-ups, not inside the first one's measurement
                roundTrips(h.port(), h.packager(), cfg.tpduHex(), clients, millis, 0);
                roundTrips(echoPort, packager, cfg.tpduHex(), clients, millis, 0);
                Run host = Run.ZERO;
                Run e = Run.ZERO;
                for (int turn = 0; turn < TURNS; turn++) {
                    host = host.plus(roundTrips(h.port(), h.packager(), cfg.tpduHex(), clients, 0, millis / TURNS));
                    e = e.plus(roundTrips(echoPort, packager, cfg.tpduHex(), clients, 0, millis / TURNS));
                }
                return new Figure(clients, host.perSecond() / TURNS, e.perSecond() / TURNS, host.cpuMicros() / TURNS,
                        e.cpuMicros() / TURNS);
            } finally {
                echo.shutdown();
            }
        }
    }

    /**
     * Only the host part of {@code firstsettle bench}: {@code [home [millis [clients,...]]]} (defaults: the working
     * directory, 3000, 1,16); one line per client count.
     */
    public static void main(String[] args) throws Exception {
        Path fx = Path.of(args.length > 0 ? args[0] : ".").resolve("fixtures");
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 3000;
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        System.out.printf("host bench, %d cores, load average %.1f%n", os.getAvailableProcessors(),
                os.getSystemLoadAverage());
        for (String c : (args.length > 2 ? args[2] : "1,16").split(",")) {
            Figure f = measure(fx.resolve("iso8583").resolve("iso87binary.xml"),
                    fx.resolve("host").resolve("response-codes.yaml"), URI.create("http://127.0.0.1:9/"),
                    Integer.parseInt(c.trim()), millis);
            System.out.printf("%2d client(s): firstsettle host %,.0f round trips/s, bare jPOS echo %,.0f/s; ratio %.2fx;"
                            + " CPU per round trip %.0f us vs %.0f us (%.2fx)%n", f.clients(), f.hostPerSecond(),
                    f.echoPerSecond(), f.ratio(), f.hostCpuMicros(), f.echoCpuMicros(), f.cpuRatio());
        }
        System.out.printf("load average at the end %.1f%n", os.getSystemLoadAverage());
    }

    private static ISOServer echoServer(ISOPackager packager, String tpduHex,
                                        AtomicReference<java.net.ServerSocket> bound) throws Exception {
        NACChannel template = new NACChannel(packager, ISOUtil.hex2byte(tpduHex));
        ISOServer s = new ISOServer(0, template, new ThreadPool(1, 64, "echo-session"));
        s.setConfiguration(new SimpleConfiguration()); // shutdown() needs it (jPOS 2.1.10)
        s.setSocketFactory(port -> {
            java.net.ServerSocket ss = new java.net.ServerSocket(0, 64, java.net.InetAddress.getLoopbackAddress());
            bound.set(ss);
            return ss;
        });
        s.addISORequestListener((source, m) -> {
            try {
                ISOMsg r = (ISOMsg) m.clone();
                r.setResponseMTI();
                r.set(39, "00");
                source.send(r);
            } catch (Exception e) {
                return false;
            }
            return true;
        });
        Thread t = new Thread(s, "echo-server");
        t.setDaemon(true);
        t.start();
        io.firstsettle.core.Waits.until(LabClock.real(), "the bare jPOS echo server to listen",
                java.time.Duration.ofSeconds(10), () -> bound.get() != null
                        ? java.util.Optional.of(true) : java.util.Optional.empty(), () -> "no server socket yet");
        return s;
    }

    /** Warm-up for {@code warmMillis}, then counts answered sign-ons for {@code millis}; per second (0 for none). */
    private static Run roundTrips(int port, ISOPackager packager, String tpduHex, int clients, long warmMillis,
                                  long millis) throws Exception {
        AtomicLong count = new AtomicLong();
        AtomicLong cpuAtStart = new AtomicLong(-1);
        AtomicReference<Exception> failed = new AtomicReference<>();
        long start = System.nanoTime();
        long measureFrom = start + warmMillis * 1_000_000L;
        long end = measureFrom + millis * 1_000_000L;
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String tid = String.format("B%07d", c + 1);
            Thread t = new Thread(() -> {
                NACChannel ch = new NACChannel("127.0.0.1", port, packager, ISOUtil.hex2byte(tpduHex));
                try {
                    ch.setTimeout(10_000);
                    ch.connect();
                    long stan = 0;
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            break;
                        }
                        ISOMsg m = new ISOMsg("0800");
                        m.set(11, String.format("%06d", ++stan % 1_000_000));
                        m.set(41, tid);
                        m.set(42, "BENCHMERCHANT01");
                        m.set(70, "001");
                        ch.send(m);
                        ISOMsg r = ch.receive();
                        if (!"00".equals(r.getString(39))) {
                            throw new IllegalStateException("sign-on answered " + r.getString(39));
                        }
                        if (now >= measureFrom) {
                            if (cpuAtStart.get() < 0) {
                                cpuAtStart.compareAndSet(-1, processCpuNanos());
                            }
                            count.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failed.compareAndSet(null, e);
                } finally {
                    try {
                        ch.disconnect();
                    } catch (Exception ignored) {
                        // ending anyway
                    }
                    done.countDown();
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        done.await();
        long cpu = cpuAtStart.get() < 0 ? 0 : processCpuNanos() - cpuAtStart.get();
        if (failed.get() != null) {
            throw new IllegalStateException("host bench client failed: " + failed.get(), failed.get());
        }
        long n = Math.max(1, count.get());
        return millis == 0 ? Run.ZERO : new Run(count.get() * 1000.0 / millis, cpu / 1000.0 / n);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
