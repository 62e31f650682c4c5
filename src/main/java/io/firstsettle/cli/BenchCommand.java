package io.firstsettle.cli;

import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.codec.Crc16Kermit;
import io.firstsettle.ecr.zvt.codec.ZvtFrameParser;
import io.firstsettle.ecr.zvt.codec.ZvtSerialFrame;
import io.firstsettle.host.HostThroughputBench;
import io.firstsettle.lab.Rig;
import io.firstsettle.port.SerialSettings;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.Fixtures;
import io.firstsettle.profile.TerminalProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * {@code firstsettle bench}: speed and memory as ratios against a baseline measured in the same process, so the
 * figures mean the same on any machine. The pairs:
 * <ol>
 *   <li>host: round trips per second through the firstsettle host vs a bare jPOS ISOServer echo with the same
 *       channel and packager, 1 and 16 clients ({@link HostThroughputBench});</li>
 *   <li>ZVT framing: encode + parse of random APDUs vs. the bare CRC-16 over the same bytes (the least any framer
 *       must do);</li>
 *   <li>serial: a ZVT exchange through the full link over a kernel pty vs a raw jssc echo of the same bytes on the same
 *       pty, with the line-time floor of those bytes at 9600 8N2 beside ({@link SerialBench});</li>
 *   <li>a whole first transaction (registration, sale, end-of-day) on a rig vs. starting and stopping the rig alone;</li>
 *   <li>the heap four running rigs hold vs. the heap of the same process before they started;</li>
 *   <li>fleet: transactions per second and heap per terminal at 1, 16, 64 and 256 terminals ({@link FleetBench}).</li>
 * </ol>
 * Then what an idle port costs ({@link io.firstsettle.port.PortIdleBench}): CPU of an idle reader and one-byte latency.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure speed and memory as ratios against same-process baselines.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "5", description = "rig rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--frames", defaultValue = "200000", description = "APDUs for the framing pair (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--round-trips", defaultValue = "2000", description = "serial round trips (default: ${DEFAULT-VALUE})")
    int roundTrips;

    @Option(names = "--idle-seconds", defaultValue = "10",
            description = "how long an idle port is watched for its CPU (default: ${DEFAULT-VALUE}; 0 skips it)")
    int idleSeconds;

    @Option(names = "--host-millis", defaultValue = "3000", description = "measuring time per host figure, after as "
            + "long again of warm-up (default: ${DEFAULT-VALUE})")
    long hostMillis;

    @Option(names = "--fleet", defaultValue = "1,16,64,256", split = ",", description = "fleet sizes (default: ${DEFAULT-VALUE};"
            + " 0 = no fleet part)")
    int[] fleet;

    @Override
    public Integer call() throws Exception {
        System.out.println("firstsettle bench (baselines measured in this same process; "
                + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getAvailableProcessors()
                + " cores, load average " + String.format("%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + ")");
        host();
        framing();
        serial();
        rig();
        if (idleSeconds > 0) {
            io.firstsettle.port.PortIdleBench.print(System.out,
                    io.firstsettle.port.PortIdleBench.measure(Duration.ofSeconds(idleSeconds), roundTrips));
        }
        if (fleet.length > 0 && fleet[0] > 0) {
            FleetBench.run(fleet, FleetCommand.DEFAULT_SCALE, Main.home().resolve("fixtures"));
        }
        return 0;
    }

    private void host() throws Exception {
        Path fx = Main.home().resolve("fixtures");
        for (int clients : new int[] {1, 16}) {
            HostThroughputBench.Figure f = HostThroughputBench.measure(fx.resolve("iso8583").resolve("iso87binary.xml"),
                    fx.resolve("host").resolve("response-codes.yaml"), java.net.URI.create("http://127.0.0.1:9/"),
                    clients, hostMillis);
            System.out.printf("host      %2d client(s): firstsettle host %,.0f round trips/s, bare jPOS echo %,.0f/s;"
                            + " ratio %.2fx (target >= 0.7x); CPU per round trip %.0f us vs %.0f us (%.2fx)%n",
                    clients, f.hostPerSecond(), f.echoPerSecond(), f.ratio(), f.hostCpuMicros(), f.echoCpuMicros(),
                    f.cpuRatio());
        }
    }

    private void framing() {
        Random r = new Random(7);
        byte[][] apdus = new byte[256][];
        for (int i = 0; i < apdus.length; i++) {
            apdus[i] = new byte[3 + r.nextInt(120)];
            r.nextBytes(apdus[i]);
        }
        long sink = 0;
        for (int warm = 0; warm < 2; warm++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                byte[] a = apdus[i & 255];
                sink += Crc16Kermit.compute(a, 0, a.length);
            }
            long crc = System.nanoTime() - t0;
            ZvtFrameParser parser = new ZvtFrameParser();
            t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                byte[] f = ZvtSerialFrame.encode(apdus[i & 255]);
                sink += parser.feed(f, 0, f.length).size();
            }
            long full = System.nanoTime() - t0;
            if (warm == 1) {
                System.out.printf("framing   encode+parse %,.0f frames/s; bare CRC %,.0f frames/s; ratio %.1fx  (sink %d)%n",
                        frames / (full / 1e9), frames / (crc / 1e9), (double) full / crc, sink % 10);
            }
        }
    }

    private void serial() throws Exception {
        SerialSettings line = SerialSettings.zvtDefault();
        SerialBench.Figures f = SerialBench.measure(roundTrips, line);
        System.out.printf("serial    ZVT exchange (%d bytes) through the full link median %d us, p99 %d us; raw jssc echo"
                        + " of the same bytes on the same pty median %d us, p99 %d us; ratio %.1fx (target <= 2x);"
                        + " line-time floor at %d baud %d%s%d: %.1f ms (40 bytes: %.1f ms)%n", f.bytes(),
                f.linkMedianMicros(), f.linkP99Micros(), f.rawMedianMicros(), f.rawP99Micros(), f.ratio(), line.baud(),
                line.dataBits(), line.parity() == SerialSettings.Parity.NONE ? "N" : "P", line.stopBits(),
                f.floorMillis(), SerialBench.floorMillis(40, line));
    }

    private void rig() throws Exception {
        TerminalProfile p = TerminalProfile.named("emulated-zvt");
        CardProfile card = CardProfile.named("visa-test");
        Path tmp = Files.createTempDirectory("firstsettle-bench");
        Runtime rt = Runtime.getRuntime();
        long startStop = 0;
        long flow = 0;
        for (int i = 0; i <= rounds; i++) {
            long t0 = System.nanoTime();
            try (Rig rig = Rig.start(spec(p, tmp, "idle-" + i))) {
                rig.line();
            }
            long idle = System.nanoTime() - t0;
            t0 = System.nanoTime();
            try (Rig rig = Rig.start(spec(p, tmp, "flow-" + i))) {
                rig.ecr().register(new Registration(p.password(), p.configByteValue(), p.currency(), null));
                rig.presentCard(card);
                EcrTranscript sale = rig.ecr().authorize(new Authorization(1234, p.currency(), null, null, null));
                rig.ecr().endOfDay(new EndOfDay(p.password()));
                if (!sale.success()) {
                    throw new IllegalStateException("bench sale failed: " + sale);
                }
            }
            long full = System.nanoTime() - t0;
            if (i > 0) { // round 0 warms the JVM up
                startStop += idle;
                flow += full;
            }
        }
        System.out.printf("rig       first transaction %.0f ms; rig start+stop alone %.0f ms; ratio %.2fx (%d rounds)%n",
                flow / 1e6 / rounds, startStop / 1e6 / rounds, (double) flow / startStop, rounds);
        memory(p, tmp, rt);
    }

    /** Used heap after GC with {@value #PARALLEL_RIGS} rigs running at once, against the same process before. */
    private void memory(TerminalProfile p, Path tmp, Runtime rt) throws Exception {
        long before = settledHeap(rt);
        java.util.List<Rig> rigs = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < PARALLEL_RIGS; i++) {
                rigs.add(Rig.start(spec(p, tmp, "mem-" + i)));
            }
            long with = settledHeap(rt);
            System.out.printf("memory    %d rigs running: used heap %.1f MiB vs %.1f MiB before; %.1f MiB per rig;"
                    + " ratio %.2fx%n", PARALLEL_RIGS, with / 1048576.0, before / 1048576.0,
                    (with - before) / 1048576.0 / PARALLEL_RIGS, (double) with / before);
        } finally {
            for (Rig r : rigs) {
                r.close();
            }
        }
    }

    private static final int PARALLEL_RIGS = 4;

    /** Used heap after three full collections (the figure the JVM keeps, not garbage in flight). */
    private static long settledHeap(Runtime rt) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static Rig.Spec spec(TerminalProfile p, Path tmp, String name) {
        return new Rig.Spec(p, Fixtures.root(), tmp.resolve(name), tmp.resolve(name).resolve("state"), LabClock.scaled(0.05));
    }
}
