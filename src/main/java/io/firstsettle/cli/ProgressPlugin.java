package io.firstsettle.cli;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStepStarted;
import io.cucumber.plugin.event.WriteEvent;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console progress for {@code firstsettle run}: one line, scenarios done of this run's total (counted before the run
 * with the same features and tag filter), verdicts so far and elapsed time; redrawn in place on a terminal, one line
 * per finished scenario in a log. Step lines only with {@code --verbose}. At the end one table in catalogue order.
 * (RunCommand passes Cucumber --no-summary, so Cucumber's own "N scenarios" block is not printed.)
 */
public final class ProgressPlugin implements ConcurrentEventListener {
    private final PrintStream out = System.err;
    private final int total;
    private final boolean dryRun;
    private final boolean verbose = Boolean.getBoolean("firstsettle.verbose");
    private final boolean live = System.console() != null && !verbose;
    private final Map<TestCase, String> verdicts = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<Line> table = new ArrayList<>();
    private Instant runStart = Instant.now();

    /** One finished scenario. */
    record Line(String location, String name, String status, String expected, String verdict, long millis) {
        RunOutcome.Kind kind() {
            return RunOutcome.kind(status, verdict, expected);
        }
    }

    /** @param total the number of scenarios this run will run, after "dry-run " for a dry run */
    public ProgressPlugin(String total) {
        this.dryRun = total.startsWith("dry-run ");
        this.total = Integer.parseInt(total.substring(dryRun ? 8 : 0).trim());
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestRunStarted.class, e -> runStart = e.getInstant());
        publisher.registerHandlerFor(TestStepStarted.class, e -> {
            if (verbose && e.getTestStep() instanceof PickleStepTestStep s) {
                out.printf("    [%s] %s: %s %s%n", elapsed(e.getInstant()), e.getTestCase().getName(),
                        s.getStep().getKeyword().trim(), s.getStep().getText());
            }
        });
        publisher.registerHandlerFor(WriteEvent.class, e -> {
            if (e.getText().startsWith("verdict: ")) {
                verdicts.put(e.getTestCase(), e.getText().substring(9).split(" \\| ")[0].trim());
            }
        });
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> summary(e.getInstant()));
    }

    private void finished(TestCaseFinished e) {
        TestCase tc = e.getTestCase();
        Line l = new Line(CertificationSummaryPlugin.location(tc), tc.getName(), e.getResult().getStatus().name(),
                CertificationSummaryPlugin.expected(tc), verdicts.getOrDefault(tc, "none"),
                e.getResult().getDuration().toMillis());
        synchronized (table) {
            table.add(l);
            counts.merge(l.verdict(), 1, Integer::sum);
            String line = String.format("[%d/%d %s] %s", table.size(), total, elapsed(e.getInstant()), counts());
            if (live) {
                out.print("\r" + line + "\u001b[K");
                out.flush();
            } else {
                out.println(line + "  " + (l.kind() == RunOutcome.Kind.AS_EXPECTED ? "ok  " : "NOT AS EXPECTED  ")
                        + l.verdict() + "  " + l.name());
            }
        }
    }

    private String counts() {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " · ").append(k).append(' ').append(v));
        return sb.toString();
    }

    private String elapsed(Instant now) {
        Duration d = Duration.between(runStart, now);
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    private void summary(Instant end) {
        synchronized (table) {
            if (live) {
                out.println();
            }
            out.println();
            out.printf("%3s  %-2s %-18s %-18s %7s  %s%n", "#", "", "expected", "actual", "time", "scenario");
            List<Line> sorted = new ArrayList<>(table);
            sorted.sort(java.util.Comparator.comparing((Line l) -> l.location().substring(0, l.location().lastIndexOf(':')))
                    .thenComparingInt(l -> Integer.parseInt(l.location().substring(l.location().lastIndexOf(':') + 1))));
            int n = 0;
            for (Line l : sorted) {
                out.printf("%3d  %-2s %-18s %-18s %6.1fs  %s  (%s)%n", ++n, dryRun ? "" : l.kind() == RunOutcome.Kind.AS_EXPECTED
                        ? "ok" : "!!", l.expected() == null ? "-" : l.expected(), dryRun ? "-" : l.verdict(), l.millis() / 1000.0,
                        l.name(), l.location());
            }
            if (dryRun) {
                out.printf("%d of %d scenario(s) would run (dry run: nothing executed, no report)%n", sorted.size(), total);
                return;
            }
            RunOutcome o = RunOutcome.of(sorted.stream().map(Line::kind).toList(),
                    RunMetadata.certificationSet(io.firstsettle.core.RunSettings.get("firstsettle.tags", null),
                            io.firstsettle.core.RunSettings.get("firstsettle.defects", null)));
            int[] c = RunOutcome.counts(sorted.stream().map(Line::kind).toList());
            out.printf("%s: %d of %d scenario(s) as expected, %d defect(s), %d lab fault(s), %d other, %d skipped (the "
                            + "terminal lacks what they need), in %s%n", o.name().replace('_', ' '), c[0], sorted.size(),
                    c[1], c[2], c[3], c[RunOutcome.Kind.SKIPPED.ordinal()], elapsed(end));
        }
    }
}
