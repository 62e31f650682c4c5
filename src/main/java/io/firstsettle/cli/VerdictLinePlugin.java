package io.firstsettle.cli;

import io.cucumber.plugin.EventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.WriteEvent;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps one line per scenario in a file of the report: its status, its verdict and its evidence folder (printed as
 * well with {@code --verbose}). The verdict comes from the scenario's own "verdict: ..." log line.
 */
public final class VerdictLinePlugin implements EventListener {
    /** System property: "true" keeps the lines off the console (the file still gets them). */
    static final String QUIET_PROPERTY = "firstsettle.quietVerdicts";
    private final boolean quiet = Boolean.parseBoolean(io.firstsettle.core.RunSettings.get(QUIET_PROPERTY, "false"));
    private final Path file;
    private final Map<TestCase, String> verdicts = new HashMap<>();
    private int n;

    public VerdictLinePlugin(String file) {
        this.file = Path.of(file);
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(WriteEvent.class, e -> {
            if (e.getText().startsWith("verdict: ")) {
                verdicts.put(e.getTestCase(), e.getText().substring("verdict: ".length()));
            }
        });
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
    }

    private void finished(TestCaseFinished e) {
        n++;
        String verdict = verdicts.getOrDefault(e.getTestCase(), "none | (no rig)");
        String[] parts = verdict.split(" \\| ", 2);
        String line = String.format("%3d %-7s %-18s %s  evidence: %s", n, e.getResult().getStatus(), parts[0],
                e.getTestCase().getName(), parts.length > 1 ? parts[1] : "-");
        if (!quiet && Boolean.getBoolean("firstsettle.verbose")) { // the console's one table is ProgressPlugin's
            PrintStream out = System.out;
            out.println(line);
        }
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}
