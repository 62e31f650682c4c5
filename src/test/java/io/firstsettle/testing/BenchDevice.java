package io.firstsettle.testing;

import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A terminal on a cable, for the bench tests: a socat pty pair (the cable) and {@code firstsettle emulate} as a
 * separate process on one end (the device), started and killed by shell scripts exactly as a profile's power
 * commands would run them; the other end is the port a physical profile names. The device keeps its non-volatile
 * state in its own directory across power cycles.
 */
public final class BenchDevice implements AutoCloseable {
    private final Path dir;
    private final String tid;
    private final int acquirerPort;
    private final Process socat;

    private BenchDevice(Path dir, String tid, int acquirerPort, Process socat) {
        this.dir = dir;
        this.tid = tid;
        this.acquirerPort = acquirerPort;
        this.socat = socat;
    }

    /** Lays the cable and powers the device on; returns when it printed "ready on". */
    public static BenchDevice start(Path dir, String tid) throws IOException {
        Files.createDirectories(dir);
        Path pt = dir.resolve("pt");
        Path ecr = dir.resolve("ecr");
        Process pair = new ProcessBuilder(LabTools.socat(), "pty,raw,echo=0,link=" + pt, "pty,raw,echo=0,link=" + ecr)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        BenchDevice d = new BenchDevice(dir, tid, freePort(), pair);
        try {
            Waits.until(LabClock.real(), "socat's links in " + dir, Duration.ofSeconds(10),
                    () -> Files.exists(pt) && Files.exists(ecr) ? Optional.of(true) : Optional.empty(),
                    () -> "socat log: " + LabTools.read(dir.resolve("socat.log")));
            d.writeScripts();
            d.run(d.powerOnCommand());
            return d;
        } catch (RuntimeException | IOException e) {
            d.close();
            throw e;
        }
    }

    private void writeScripts() throws IOException {
        Files.writeString(dir.resolve("device.yaml"), String.join("\n", "name: device-" + tid, "kind: emulated",
                "baud: 9600", "stopBits: 2", "password: \"000000\"", "configByte: \"BA\"", "currency: 978",
                "terminalId: \"" + tid + "\"", "merchantId: \"FS0000000000001\"", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // power on: boot the device from its state directory, wait (bounded) until it serves the line
        script("power-on.sh", "cd " + dir + "\n"
                + "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' -Dfirstsettle.home='"
                + Path.of("").toAbsolutePath() + "' io.firstsettle.cli.Main emulate --port " + dir.resolve("pt")
                + " --host 127.0.0.1:" + acquirerPort + " --time-scale 0.05 --state-dir " + dir.resolve("state")
                + " --profile " + dir.resolve("device.yaml") + " > device.out 2>> device.err &\n"
                + "echo $! > device.pid\n"
                + "for i in $(seq 1 300); do grep -q 'ready on' device.out && exit 0; sleep 0.1; done\n"
                + "echo 'the device did not come up' >&2; exit 1\n");
        // power off: the device dies at once (SIGKILL: no shutdown hook, only its non-volatile state survives)
        script("power-off.sh", "cd " + dir + "\npid=$(cat device.pid)\nkill -9 $pid\n"
                + "for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || exit 0; sleep 0.1; done\nexit 1\n");
    }

    private void script(String name, String body) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void run(String command) throws IOException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(command + " failed: " + new String(p.getInputStream().readAllBytes())
                        + " / device stderr: " + LabTools.read(dir.resolve("device.err")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    public String powerOnCommand() {
        return dir.resolve("power-on.sh").toString();
    }

    public String powerOffCommand() {
        return dir.resolve("power-off.sh").toString();
    }

    /** A physical profile for this device: its cable end, TID, and the acquirer address it dials. */
    public Path profile(String name, boolean withPower) throws IOException {
        List<String> lines = new ArrayList<>(List.of("name: " + name, "kind: physical", "port: " + dir.resolve("ecr"),
                "baud: 9600", "stopBits: 2", "password: \"000000\"", "configByte: \"BA\"", "currency: 978",
                "terminalId: \"" + tid + "\"", "merchantId: \"FS0000000000001\"",
                "hostListen: \"127.0.0.1:" + acquirerPort + "\"", "softwareVersion: \"FS-EMU 0.1.0\""));
        if (withPower) {
            lines.add("powerOff: \"" + powerOffCommand() + "\"");
            lines.add("powerOn: \"" + powerOnCommand() + "\"");
        }
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    public Path dir() {
        return dir;
    }

    public String log() {
        return "device stderr (tail): " + tail(LabTools.read(dir.resolve("device.err")));
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    @Override
    public void close() {
        try {
            Path pid = dir.resolve("device.pid");
            if (Files.exists(pid)) {
                long p = Long.parseLong(Files.readString(pid).trim());
                ProcessHandle.of(p).ifPresent(h -> {
                    h.destroy();
                    h.onExit().orTimeout(15, TimeUnit.SECONDS).exceptionally(x -> null).join();
                });
            }
        } catch (IOException | NumberFormatException e) {
            // nothing started
        }
        socat.destroy();
        try {
            socat.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs {@code firstsettle ARGS} as a child process with the lab state in {@code labState}; returns its output. */
    public static Result firstsettle(Path labState, Path log, List<String> args, Duration bound)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dfirstsettle.home=" + Path.of("").toAbsolutePath(), "-Dfirstsettle.labState=" + labState,
                "io.firstsettle.cli.Main"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("firstsettle " + args + " did not end within " + bound + "; output: "
                    + tail(LabTools.read(log)));
        }
        return new Result(p.exitValue(), LabTools.read(log));
    }

    public record Result(int exit, String output) {
    }
}
