package io.firstsettle.cli;

import io.firstsettle.emulator.Defect;
import io.firstsettle.oracle.VerdictKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code firstsettle fleet --terminals N}: N emulated terminals in this JVM against one acquirer host and one bank
 * (see {@link Fleet}); prints a table and writes the same as fleet.json into the report folder. Exit 0 only when every
 * first transaction is what its fault predicts (SETTLED without a fault, no defect verdict with one), nothing is LOST
 * or DUPLICATED, the host refused no connection, and the live heap grew by at most 10 % from the first to the last
 * thousand transactions ({@link FleetMemory}; measured in runs of at least 2000 + N transactions).
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Run N emulated terminals against one host and one bank; judge every first transaction.")
final class FleetCommand implements Callable<Integer> {
    @Option(names = "--terminals", required = true, description = "terminals running at once")
    int terminals;

    @Option(names = "--sales", defaultValue = "1", description = "sales per terminal before end-of-day (default: ${DEFAULT-VALUE})")
    int sales;

    @Option(names = "--transactions", description = "first transactions in all (default: one per terminal); each "
            + "terminal slot starts factory-new terminals one after another")
    Integer transactions;

    @Option(names = "--fault", description = "fault profile (fixtures/faults/NAME.yaml) in force for a share of the terminals")
    String fault;

    @Option(names = "--fault-share", defaultValue = "0", description = "share of terminals with the fault, 0..1 (default: ${DEFAULT-VALUE})")
    double faultShare;

    @Option(names = "--seed", defaultValue = "1", description = "which terminals get the fault (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--defect", description = "emulated firmware defect for every terminal (repeatable)")
    List<String> defects = new ArrayList<>();

    /**
     * The fleet's lab time scale: 64 terminals at once on 2 cores need more than the catalogue's 0.05 (a terminal's
     * 30 s host timeout is 1.5 s real there); at 0.25 it is 7.5 s, and 64 terminals settle in ~12 s.
     */
    static final double DEFAULT_SCALE = 0.25;

    @Option(names = "--scale", defaultValue = "" + DEFAULT_SCALE, description = "lab time scale (default: ${DEFAULT-VALUE}; hundreds "
            + "of terminals on a few cores need the terminals' host timeouts longer than the catalogue's 0.05 gives)")
    double scale;

    @Option(names = "--report", description = "report folder (default: reports/fleet-<timestamp>)")
    Path report;

    @Override
    public Integer call() throws Exception {
        Path out = report != null ? report.toAbsolutePath() : Main.home().resolve("reports")
                .resolve("fleet-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);
        String f = fault == null && faultShare > 0 ? "bank-maintenance" : fault;
        Set<Defect> d = EnumSet.noneOf(Defect.class);
        defects.forEach(n -> d.add(Defect.parse(n)));
        Fleet.Spec spec = new Fleet.Spec(terminals, sales, transactions == null ? terminals : transactions, f,
                faultShare, seed, scale, Main.home().resolve("fixtures"), out, d);
        long[] last = {0};
        Fleet.Report r = Fleet.run(spec, p -> {
            long now = System.nanoTime();
            if (p[0] == p[1] || now - last[0] > 1_000_000_000L) {
                last[0] = now;
                System.err.printf(Locale.ROOT, "\rfleet: %d of %d transactions judged", p[0], p[1]);
            }
        });
        System.err.println();
        String table = table(r);
        System.out.print(table);
        Files.writeString(out.resolve("fleet.json"), json(r), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("fleet.md"), table, StandardCharsets.UTF_8);
        System.out.println("report: " + out.resolve("fleet.json") + " (evidence per terminal under terminals/)");
        return r.ok() ? 0 : 1;
    }

    static Map<String, Object> figures(Fleet.Report r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("terminals", r.spec().terminals());
        m.put("transactions", r.judged());
        m.put("faulted", r.faulted());
        m.put("fault", r.spec().fault());
        Map<String, Long> v = new LinkedHashMap<>();
        r.verdicts().forEach((k, n) -> v.put(k.name(), n));
        m.put("verdicts", v);
        m.put("lost", r.count(VerdictKind.LOST));
        m.put("duplicated", r.count(VerdictKind.DUPLICATED));
        m.put("unexpected", r.unexpectedCount());
        m.put("refusedConnections", r.refusedConnections());
        m.put("saleP50Ms", r.percentileSaleMillis(0.50));
        m.put("saleP99Ms", r.percentileSaleMillis(0.99));
        m.put("transactionsPerSecond", Math.round(r.transactionsPerSecond() * 100) / 100.0);
        m.put("wallMs", r.wallMillis());
        FleetMemory.Figures mem = r.memory();
        FleetMemory.Growth g = mem.growth();
        m.put("heapGrowthPercent", g == null ? null : Math.round(g.percent() * 10) / 10.0);
        m.put("heapGrowth", g == null ? "not measured (run at least " + FleetMemory.minTransactionsForGrowth(
                r.spec().terminals()) + " transactions)" : String.format(Locale.ROOT, "%.1f -> %.1f MiB live heap "
                + "(median of %d after a full GC, from transaction %d and up to %d)%s", mib(g.fromBytes()),
                mib(g.toBytes()), FleetMemory.WINDOW, g.fromTransaction(), g.toTransaction(), g.overLimit()
                ? ", OVER the " + (int) FleetMemory.GROWTH_LIMIT_PERCENT + " % limit" : ""));
        m.put("heapBeforeMiB", Math.round(mib(mem.beforeHeapBytes()) * 10) / 10.0);
        m.put("heapIdleAfterMiB", Math.round(mib(mem.idleHeapBytes()) * 10) / 10.0);
        m.put("heapPerTerminalMiB", Math.round(mib(mem.heapPerTerminalBytes()) * 100) / 100.0);
        m.put("rssMiB", mem.rssBytes() / (1 << 20));
        List<Map<String, Object>> series = new ArrayList<>();
        mem.series().forEach(s -> series.add(Map.of("transactions", s.transactions(), "running", s.running(),
                "heapMiB", Math.round(mib(s.heapBytes()) * 10) / 10.0, "rssMiB", s.rssBytes() / (1 << 20))));
        m.put("memory", series);
        return m;
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    static String table(Fleet.Report r) {
        StringBuilder sb = new StringBuilder("| figure | value |\n|---|---|\n");
        figures(r).forEach((k, v) -> {
            if (!k.equals("memory")) {
                sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
            }
        });
        r.unexpected().stream().limit(10).forEach(o -> sb.append("- unexpected: ").append(o.tid())
                .append(o.faulted() ? " (faulted) " : " ").append(o.verdict()).append(": ").append(o.note())
                .append('\n'));
        return sb.toString();
    }

    static String json(Fleet.Report r) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(figures(r));
    }
}
