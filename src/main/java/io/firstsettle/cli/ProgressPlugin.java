package io.firstsettle.cli;

import io.cucumber.messages.types.Envelope;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Console progress for {@code firstsettle run}: scenario n of N, the current step, elapsed time; a table at the end. */
public final class ProgressPlugin implements ConcurrentEventListener {
    private final PrintStream out = System.err;
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final Map<Object, Integer> numbers = new ConcurrentHashMap<>();
    private final Map<Object, String> verdicts = new ConcurrentHashMap<>();
    private final List<String[]> table = new ArrayList<>();
    private Instant runStart = Instant.now();

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(Envelope.class, e -> e.getPickle().ifPresent(p -> total.incrementAndGet()));
        publisher.registerHandlerFor(TestRunStarted.class, e -> runStart = e.getInstant());
        publisher.registerHandlerFor(TestCaseStarted.class, e -> {
            int n = started.incrementAndGet();
            numbers.put(e.getTestCase(), n);
            out.printf("[%d/%d %s] %s%n", n, total.get(), elapsed(e.getInstant()), e.getTestCase().getName());
        });
        publisher.registerHandlerFor(TestStepStarted.class, e -> {
            if (e.getTestStep() instanceof PickleStepTestStep s) {
                out.printf("    [%d/%d %s] %s %s%n", numbers.getOrDefault(e.getTestCase(), 0), total.get(),
                        elapsed(e.getInstant()), s.getStep().getKeyword().trim(), s.getStep().getText());
            }
        });
        publisher.registerHandlerFor(WriteEvent.class, e -> {
            if (e.getText().startsWith("verdict: ")) {
                verdicts.put(e.getTestCase(), e.getText().substring(9).split(" \\| ")[0]);
            }
        });
        publisher.registerHandlerFor(TestCaseFinished.class, e -> {
            synchronized (table) {
                table.add(new String[]{String.valueOf(numbers.getOrDefault(e.getTestCase(), 0)),
                        e.getResult().getStatus().name(), verdicts.getOrDefault(e.getTestCase(), "none"),
                        String.format("%.1f s", e.getResult().getDuration().toMillis() / 1000.0),
                        e.getTestCase().getName()});
            }
        });
        publisher.registerHandlerFor(TestRunFinished.class, e -> summary(e.getInstant()));
    }

    private String elapsed(Instant now) {
        Duration d = Duration.between(runStart, now);
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    private void summary(Instant end) {
        synchronized (table) {
            out.println();
            out.printf("%3s  %-8s %-18s %8s  %s%n", "#", "status", "verdict", "time", "scenario");
            table.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
            Map<String, Integer> counts = new java.util.TreeMap<>();
            for (String[] r : table) {
                out.printf("%3s  %-8s %-18s %8s  %s%n", (Object[]) r);
                counts.merge(r[2], 1, Integer::sum);
            }
            out.printf("%d scenario(s) in %s: %s%n", table.size(), elapsed(end), counts);
        }
    }
}
