package io.firstsettle.port;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What an idle port costs and how fast a byte crosses one, for {@code firstsettle bench} (issue 16: an idle emulated
 * terminal or register must not poll). On one kernel pty pair:
 * <ul>
 *   <li>idle CPU: a reader thread reads as the ZVT link does when nothing comes ({@code read(buf, n, 50)} again and
 *       again) for the window; its CPU time (ThreadMXBean) over the window's wall time is the share of one core. Once
 *       for the register's side (jssc on the slave), once for the terminal's side (the pty master);</li>
 *   <li>latency: one byte written through jssc, echoed by the master, read back through jssc; median and p99.</li>
 * </ul>
 * Run alone: {@code java -cp 'target/firstsettle.jar:target/lib/*' io.firstsettle.port.PortIdleBench [SECONDS [ROUND_TRIPS]]}.
 */
public final class PortIdleBench {
    /** Read timeout of one idle read, as the ZVT link's reader uses between frames. */
    static final int IDLE_READ_MILLIS = 50;

    /**
     * @param registerIdleCpu share of one core (0.01 = 1 %) that an idle reader of the jssc port used
     * @param terminalIdleCpu the same for a reader of the pty master
     * @param p50Micros       median round trip of one byte, jssc -> master echo -> jssc
     * @param p99Micros       99th percentile of the same
     */
    public record Figures(Duration window, double registerIdleCpu, double terminalIdleCpu, int roundTrips,
                          double p50Micros, double p99Micros) {
    }

    private PortIdleBench() {
    }

    public static Figures measure(Duration window, int roundTrips) throws InterruptedException {
        try (PtyPair pair = PtyPair.open();
             JsscBytePort jssc = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault())) {
            double register = idleCpu(jssc, Duration.ofSeconds(2), window);
            double terminal = idleCpu(pair.master(), Duration.ofSeconds(2), window);
            double[] rt = echo(jssc, pair.master(), roundTrips);
            return new Figures(window, register, terminal, roundTrips, percentile(rt, 0.50), percentile(rt, 0.99));
        }
    }

    /**
     * CPU time of a thread that reads {@code port} idly for {@code window}, over the window's wall time, after
     * {@code warmUp} of short idle reads (class loading, JNA, JIT) that are not counted.
     */
    static double idleCpu(BytePort port, Duration warmUp, Duration window) throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        AtomicReference<double[]> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                long warm = System.nanoTime() + warmUp.toNanos();
                while (System.nanoTime() - warm < 0) {
                    port.read(buf, buf.length, 2);
                }
                long cpu0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long end = t0 + window.toNanos();
                while (System.nanoTime() - end < 0) {
                    port.read(buf, buf.length, IDLE_READ_MILLIS);
                }
                long wall = System.nanoTime() - t0;
                result.set(new double[] {mx.getCurrentThreadCpuTime() - cpu0, wall});
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "idle-reader " + port.name());
        reader.start();
        reader.join(warmUp.toMillis() + window.toMillis() + 10_000);
        if (failure.get() != null) {
            throw failure.get();
        }
        double[] r = result.get();
        if (r == null) {
            throw new IllegalStateException("the idle reader of " + port.name() + " did not finish within "
                    + (window.toMillis() + 10_000) + " ms");
        }
        return r[0] / r[1];
    }

    /** Round trips of one byte: written to {@code near}, echoed by a thread on {@code far}, read back from near. */
    static double[] echo(BytePort near, BytePort far, int count) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread echo = new Thread(() -> {
            byte[] b = new byte[64];
            while (!stop.get()) {
                try {
                    int n = far.read(b, b.length, IDLE_READ_MILLIS);
                    if (n > 0) {
                        far.write(Arrays.copyOf(b, n));
                    }
                } catch (PortException e) {
                    return;
                }
            }
        }, "echo " + far.name());
        echo.setDaemon(true);
        echo.start();
        double[] micros = new double[count];
        byte[] one = new byte[1];
        byte[] in = new byte[1];
        try {
            for (int i = -200; i < count; i++) { // 200 warm-up round trips
                one[0] = (byte) i;
                long t0 = System.nanoTime();
                near.write(one);
                if (near.read(in, 1, 2000) != 1 || in[0] != one[0]) {
                    throw new IllegalStateException("round trip " + i + " across " + near.name() + " lost its byte");
                }
                if (i >= 0) {
                    micros[i] = (System.nanoTime() - t0) / 1_000.0;
                }
            }
        } finally {
            stop.set(true);
            echo.join(2_000);
        }
        return micros;
    }

    static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[Math.min(s.length - 1, (int) Math.ceil(p * s.length) - 1)];
    }

    public static void print(PrintStream out, Figures f) {
        out.printf(Locale.ROOT, "idle port (%d s, reads of %d ms as the ZVT link makes between frames):%n",
                f.window().toSeconds(), IDLE_READ_MILLIS);
        out.printf(Locale.ROOT, "  register side, jssc on a pty slave: %.2f %% of a core%n", 100 * f.registerIdleCpu());
        out.printf(Locale.ROOT, "  terminal side, pty master:          %.2f %% of a core%n", 100 * f.terminalIdleCpu());
        out.printf(Locale.ROOT, "  one byte jssc -> pty echo -> jssc:  p50 %.0f us, p99 %.0f us (%d round trips)%n",
                f.p50Micros(), f.p99Micros(), f.roundTrips());
    }

    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int trips = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        print(System.out, measure(Duration.ofSeconds(seconds), trips));
    }
}
