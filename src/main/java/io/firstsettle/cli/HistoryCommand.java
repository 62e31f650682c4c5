package io.firstsettle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.firstsettle.store.FlakyAttribution;
import io.firstsettle.store.LabStore;
import io.firstsettle.store.LabStoreException;
import io.firstsettle.store.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code firstsettle history}: what the lab store remembers. The last runs with their counts; one scenario's verdicts
 * over time and per terminal; {@code --flaky}: where flipping scenarios point. Plain text, or {@code --json}.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "The last runs (pass / defect / lab-fault counts), or one scenario's verdicts over time and per terminal.")
final class HistoryCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "a scenario name, or part of it (case does not matter)")
    String scenario;

    @Option(names = "--last", defaultValue = "20", description = "how many runs (default: ${DEFAULT-VALUE}; 0 = all)")
    int last;

    @Option(names = "--terminal", paramLabel = "TID", description = "only runs on this terminal (TID or profile name)")
    String terminal;

    @Option(names = "--since", paramLabel = "DATE", description = "only runs since this date (2026-11-29, UTC) or instant (2026-11-29T08:00:00Z)")
    String since;

    @Option(names = "--flaky", description = "list scenarios whose result flipped, and whether they point at the harness, a device or a fault")
    boolean flaky;

    @Option(names = "--json", description = "JSON for scripts instead of text")
    boolean json;

    @Mixin
    LabDbOption labDb = new LabDbOption();

    @Override
    public Integer call() throws Exception {
        Long sinceMs = since == null ? null : parseSince(since);
        try (LabStore store = LabStore.open(labDb.resolve())) {
            int limit = scenario != null || flaky ? FlakyHistory.WINDOW : last;
            List<RunRecord> runs = store.runs(Math.max(0, limit), terminal, sinceMs);
            Object result = flaky ? FlakyAttribution.attribute(runs)
                    : scenario != null ? scenarioHistory(runs, scenario) : runs.stream().map(HistoryCommand::runRow).toList();
            if (json) {
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            } else if (flaky) {
                printFlaky(runs.size(), FlakyAttribution.attribute(runs));
            } else if (scenario != null) {
                printScenario(store, scenarioHistory(runs, scenario));
            } else {
                printRuns(store, runs);
            }
            return 0;
        } catch (LabStoreException e) {
            System.err.println("firstsettle history: " + e.getMessage());
            return 2;
        }
    }

    static long parseSince(String s) {
        try {
            return s.contains("T") ? Instant.parse(s).toEpochMilli()
                    : LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since " + s + ": give a date (2026-11-29) or an instant (2026-11-29T08:00:00Z)");
        }
    }

    static Map<String, Object> runRow(RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("kind", r.kind());
        m.put("start", Instant.ofEpochMilli(r.startedMs()).toString());
        m.put("end", Instant.ofEpochMilli(r.endedMs()).toString());
        m.put("user", r.user());
        m.put("host", r.host());
        m.put("catalogueRevision", r.catalogueRev());
        m.put("terminal", r.terminal());
        m.put("tags", r.tags());
        m.put("defects", r.defects());
        m.put("scale", r.scale());
        m.put("scenarios", r.results().size());
        m.put("passed", r.passedCount());
        m.put("defectVerdicts", r.defectCount());
        m.put("labFaults", r.labFaultCount());
        m.put("otherFailures", r.otherFailureCount());
        m.put("report", r.reportDir());
        return m;
    }

    private static void printRuns(LabStore store, List<RunRecord> runs) {
        if (runs.isEmpty()) {
            System.out.println("no runs recorded in " + store.db());
            return;
        }
        System.out.println(runs.size() + " run(s) in " + store.db() + ", newest first:");
        System.out.println(String.format("%-36s %-6s %-20s %-12s %-9s %5s %5s %6s %9s %5s  %s", "run", "kind", "start (UTC)",
                "host", "terminal", "scen", "pass", "defect", "lab-fault", "other", "defects option"));
        for (RunRecord r : runs) {
            System.out.println(String.format("%-36s %-6s %-20s %-12s %-9s %5d %5d %6d %9d %5d  %s", r.runId(), r.kind(),
                    Instant.ofEpochMilli(r.startedMs()).toString().substring(0, 19), r.host(), r.terminal().tid(),
                    r.results().size(), r.passedCount(), r.defectCount(), r.labFaultCount(), r.otherFailureCount(),
                    r.defects() == null || r.defects().isBlank() ? "-" : r.defects()));
        }
    }

    /** One scenario (or several matching the name) across runs, oldest first. */
    record ScenarioSeen(String runId, String start, String host, String terminal, String softwareVersion,
                        String scenario, String location, String status, String verdict, String expectedVerdict,
                        String cause, long durationMs, String evidence) {
    }

    static List<ScenarioSeen> scenarioHistory(List<RunRecord> runs, String name) {
        String needle = name.toLowerCase(Locale.ROOT);
        List<ScenarioSeen> out = new ArrayList<>();
        for (int i = runs.size() - 1; i >= 0; i--) {
            RunRecord r = runs.get(i);
            for (RunRecord.Result s : r.results()) {
                if (s.scenario().toLowerCase(Locale.ROOT).contains(needle)) {
                    out.add(new ScenarioSeen(r.runId(), Instant.ofEpochMilli(r.startedMs()).toString(), r.host(),
                            r.terminal().tid(), r.terminal().softwareVersion(), s.scenario(), s.location(), s.status(),
                            s.verdict(), s.expectedVerdict(), s.cause(), s.durationMs(), s.evidencePath()));
                }
            }
        }
        return out;
    }

    private static void printScenario(LabStore store, List<ScenarioSeen> seen) {
        if (seen.isEmpty()) {
            System.out.println("no recorded result of a scenario matching that name in " + store.db());
            return;
        }
        System.out.println("over time (oldest first):");
        Map<String, Map<String, Integer>> perTerminal = new TreeMap<>();
        for (ScenarioSeen s : seen) {
            System.out.println(String.format("  %-20s %-36s %-9s %-7s %-18s expected %-18s %s", s.start().substring(0, 19),
                    s.runId(), s.terminal(), s.status(), s.verdict(), s.expectedVerdict() == null ? "-" : s.expectedVerdict(),
                    s.scenario()));
            perTerminal.computeIfAbsent(s.terminal() + (s.softwareVersion() != null ? " sw " + s.softwareVersion() : ""),
                    k -> new TreeMap<>()).merge(s.status() + " " + s.verdict(), 1, Integer::sum);
        }
        System.out.println("per terminal:");
        perTerminal.forEach((t, counts) -> System.out.println("  " + t + ": " + counts));
    }

    private static void printFlaky(int runs, List<FlakyAttribution.Attribution> all) {
        System.out.println(all.size() + " scenario(s) flipped in the last " + runs + " run(s):");
        for (FlakyAttribution.Attribution a : all) {
            System.out.println("  " + a.kind() + "  " + a.scenario() + ": " + a.reason());
            a.outcomesByTerminal().forEach((t, o) -> System.out.println("      " + t + ": " + o));
        }
    }
}
