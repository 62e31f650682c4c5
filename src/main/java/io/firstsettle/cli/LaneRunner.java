package io.firstsettle.cli;

import io.firstsettle.core.AtomicFiles;
import io.firstsettle.profile.TerminalProfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Several terminals in one run: each is a lane, a {@code firstsettle run} of its own (a child process, so lanes share
 * no settings, port or rig) writing {@code lanes/<name>/}; the lanes run in parallel and the run's report lists every
 * terminal ({@code lanes.txt}, {@code verdicts.txt} with the lane in front of each line, {@code index.html}). The
 * run's exit status is the worst lane's.
 */
final class LaneRunner {
    /** A lane may take a working day on a bench; past this bound it is stopped and reported. */
    static final long LANE_BOUND_HOURS = 24;

    private final Path out;
    private final List<Path> features;
    private final String tags;
    private final double scale;
    private final int threads;
    private final String cardholderCommand;
    private final List<String> defects;

    LaneRunner(Path out, List<Path> features, String tags, double scale, int threads, String cardholderCommand,
               List<String> defects) {
        this.defects = List.copyOf(defects);
        this.out = out;
        this.features = features;
        this.tags = tags;
        this.scale = scale;
        this.threads = threads;
        this.cardholderCommand = cardholderCommand;
    }

    private record Lane(String name, TerminalProfile profile, Path dir, Process process, Thread pump) {
    }

    int run(List<String> terminals) throws IOException, InterruptedException {
        Files.createDirectories(out.resolve("lanes"));
        List<Lane> lanes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String t : terminals) {
            TerminalProfile p = TerminalProfile.named(t);
            String name = p.name();
            for (int i = 2; !names.add(name); i++) {
                name = p.name() + "-" + i;
            }
            Path dir = out.resolve("lanes").resolve(name);
            Process proc = new ProcessBuilder(command(t, dir)).redirectErrorStream(true).start();
            proc.getOutputStream().close();
            String prefix = "[" + name + "] ";
            Path log = out.resolve("lanes").resolve(name + ".log");
            Thread pump = new Thread(() -> pump(proc, prefix, log), "lane-" + name);
            pump.start();
            lanes.add(new Lane(name, p, dir, proc, pump));
            System.out.println(prefix + "lane started: terminal " + p.name() + " (" + p.kind() + ", TID "
                    + p.terminalId() + ", " + (p.emulated() ? "emulated" : p.port()) + "), pid " + proc.pid());
        }
        int worst = 0;
        Map<String, Integer> exits = new LinkedHashMap<>();
        for (Lane l : lanes) {
            if (!l.process().waitFor(LANE_BOUND_HOURS, TimeUnit.HOURS)) {
                l.process().destroy();
                l.process().waitFor(30, TimeUnit.SECONDS);
                System.err.println("[" + l.name() + "] lane did not end within " + LANE_BOUND_HOURS + " h: stopped");
            }
            l.pump().join(TimeUnit.SECONDS.toMillis(30));
            int code = l.process().isAlive() ? RunOutcome.INCOMPLETE.exitCode() : l.process().exitValue();
            exits.put(l.name(), code);
            worst = Math.max(worst, code);
        }
        writeReport(lanes, exits);
        return worst;
    }

    private List<String> command(String terminal, Path dir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("firstsettle."))
                .filter(k -> !k.equals("firstsettle.reports") && !k.equals("firstsettle.terminal"))
                .sorted().forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        if (System.getProperty("firstsettle.home") == null) {
            cmd.add("-Dfirstsettle.home=" + Main.home());
        }
        cmd.addAll(List.of(Main.class.getName(), "run", "--terminal", terminal, "--report", dir.toString(),
                "--scale", Double.toString(scale), "--threads", Integer.toString(threads)));
        if (tags != null) {
            cmd.addAll(List.of("--tags", tags));
        }
        if (cardholderCommand != null) {
            cmd.addAll(List.of("--cardholder-command", cardholderCommand));
        }
        defects.forEach(d -> cmd.addAll(List.of("--defect", d)));
        features.forEach(f -> cmd.add(f.toAbsolutePath().toString()));
        return cmd;
    }

    private static void pump(Process p, String prefix, Path log) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                w.write(line);
                w.newLine();
                w.flush();
                System.out.println(prefix + line);
            }
        } catch (IOException e) {
            System.err.println(prefix + "lane output lost: " + e.getMessage());
        }
    }

    private void writeReport(List<Lane> lanes, Map<String, Integer> exits) throws IOException {
        StringBuilder summary = new StringBuilder();
        StringBuilder verdicts = new StringBuilder();
        StringBuilder html = new StringBuilder("<!doctype html><meta charset=\"utf-8\"><title>firstsettle lanes</title>"
                + "<h1>Terminals in this run</h1><table border=\"1\"><tr><th>lane</th><th>terminal</th><th>TID</th>"
                + "<th>line</th><th>exit</th><th>report</th></tr>");
        for (Lane l : lanes) {
            TerminalProfile p = l.profile();
            Path v = l.dir().resolve("verdicts.txt");
            List<String> lines = Files.exists(v) ? Files.readAllLines(v, StandardCharsets.UTF_8) : List.of();
            summary.append(String.format("%-24s %-9s TID %s  %s  exit %d  %d scenario lines  %s%n", l.name(),
                    p.kind(), p.terminalId(), p.emulated() ? "emulated" : p.port(), exits.get(l.name()),
                    lines.size(), l.dir()));
            lines.forEach(x -> verdicts.append('[').append(l.name()).append("] ").append(x).append('\n'));
            html.append("<tr><td>").append(esc(l.name())).append("</td><td>").append(esc(p.kind())).append("</td><td>")
                    .append(esc(String.valueOf(p.terminalId()))).append("</td><td>")
                    .append(esc(p.emulated() ? "emulated" : p.port())).append("</td><td>").append(exits.get(l.name()))
                    .append("</td><td><a href=\"lanes/").append(esc(l.name())).append("/index.html\">report</a>")
                    .append("</td></tr>");
        }
        html.append("</table>");
        AtomicFiles.writeString(out.resolve("lanes.txt"), summary.toString());
        AtomicFiles.writeString(out.resolve("verdicts.txt"), verdicts.toString());
        AtomicFiles.writeString(out.resolve("index.html"), html.toString());
        System.out.print("lanes:\n" + summary);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
