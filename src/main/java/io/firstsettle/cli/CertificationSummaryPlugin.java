package io.firstsettle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.WriteEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the certification summary when a run finishes: {@code summary.json}, {@code index.html} (self-contained,
 * no scripts) and {@code manifest.sha256} into the report folder given as the plugin argument. The evidence of each
 * scenario is found through its "verdict: KIND | DIR" log line.
 */
public final class CertificationSummaryPlugin implements ConcurrentEventListener {
    private final Path folder;
    private final Map<TestCase, String> logged = new ConcurrentHashMap<>();
    private final List<CertificationSummary.Scenario> scenarios = new ArrayList<>();
    private Instant start = Instant.now();

    public CertificationSummaryPlugin(String folder) {
        this.folder = Path.of(folder).toAbsolutePath();
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestRunStarted.class, e -> start = e.getInstant());
        publisher.registerHandlerFor(WriteEvent.class, e -> {
            if (e.getText().startsWith("verdict: ")) {
                logged.put(e.getTestCase(), e.getText().substring("verdict: ".length()));
            }
        });
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> write(e.getInstant()));
    }

    private synchronized void finished(TestCaseFinished e) {
        String v = logged.getOrDefault(e.getTestCase(), "none | ");
        String[] parts = v.split(" \\| ", 2);
        Path dir = parts.length > 1 && !parts[1].isBlank() ? Path.of(parts[1].trim()) : null;
        scenarios.add(new CertificationSummary.Scenario(e.getTestCase().getName(),
                e.getTestCase().getUri() + ":" + e.getTestCase().getLocation().getLine(),
                e.getResult().getStatus().name(), parts[0].trim(), dir, e.getResult().getDuration().toMillis()));
    }

    private synchronized void write(Instant end) {
        try {
            Files.createDirectories(folder);
            CertificationSummary s = CertificationSummary.build(folder, scenarios, start, end);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.writeString(folder.resolve("summary.json"), json.writeValueAsString(s.toJson()), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("manifest.sha256"), s.manifestText(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("index.html"), SummaryHtml.render(s), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the certification summary into " + folder
                    + ": check that the folder is writable", ex);
        }
    }

    static Map<String, Object> ordered() {
        return new LinkedHashMap<>();
    }
}
