package io.firstsettle.cli;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseStarted;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the scenarios of a Cucumber dry run: the same features, tag filter and lines as the real run, no glue
 * executed, so the count is exactly the scenarios the run will start (the progress total).
 */
public final class ScenarioCounter implements ConcurrentEventListener {
    /** The count of the last dry run in this JVM (the CLI runs one catalogue at a time). */
    static final AtomicInteger LAST = new AtomicInteger();
    /** "features/x.feature:6  name" of each scenario of the last dry run. */
    static final List<String> SCENARIOS = new CopyOnWriteArrayList<>();

    public ScenarioCounter() {
        LAST.set(0);
        SCENARIOS.clear();
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, e -> {
            LAST.incrementAndGet();
            SCENARIOS.add(CertificationSummaryPlugin.location(e.getTestCase()) + "  " + e.getTestCase().getName());
        });
    }
}
