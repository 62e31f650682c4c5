package io.firstsettle.cli;

import io.firstsettle.core.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestStep;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.WriteEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the certification summary when a run finishes: {@code summary.json}, {@code index.html} and
 * {@code index.zh-CN.html} (self-contained, no scripts), one page per scenario in its evidence folder, and
 * {@code manifest.sha256} into the report folder given as the plugin argument. The evidence of each
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
        TestCase tc = e.getTestCase();
        scenarios.add(new CertificationSummary.Scenario(tc.getName(), location(tc), e.getResult().getStatus().name(),
                parts[0].trim(), expected(tc), List.copyOf(tc.getTags()), dir, e.getResult().getDuration().toMillis()));
    }

    private static final Pattern EXPECTED = Pattern.compile("(?:the first transaction is|首笔交易的结论是) ([A-Z_]+)");

    /** The verdict the scenario's Then step names ("the first transaction is SETTLED"), or null. */
    static String expected(TestCase tc) {
        for (TestStep step : tc.getTestSteps()) {
            if (step instanceof PickleStepTestStep p) {
                Matcher m = EXPECTED.matcher(p.getStep().getText());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    /** "features/x.feature:6": relative to the harness home, never a file:// URI. */
    static String location(TestCase tc) {
        return relativeUri(tc.getUri()) + ":" + tc.getLocation().getLine();
    }

    static String relativeUri(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            return uri.toString();
        }
        Path p = Path.of(uri).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("firstsettle.home", ".")).toAbsolutePath().normalize();
        return (p.startsWith(home) ? home.relativize(p) : p.getFileName()).toString().replace('\\', '/');
    }

    /** Catalogue order: by feature file, then by line, whatever order the threads finished in. */
    static final Comparator<CertificationSummary.Scenario> CATALOGUE_ORDER = Comparator
            .comparing((CertificationSummary.Scenario s) -> s.location().substring(0, s.location().lastIndexOf(':')))
            .thenComparingInt(s -> Integer.parseInt(s.location().substring(s.location().lastIndexOf(':') + 1)));

    private synchronized void write(Instant end) {
        try {
            Files.createDirectories(folder);
            scenarios.sort(CATALOGUE_ORDER);
            CertificationSummary s = CertificationSummary.build(folder, scenarios, start, end);
            for (CertificationSummary.Row r : s.rows()) {
                EvidencePage.write(s, r);
            }
            s = s.withManifest(CertificationSummary.manifest(folder));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.writeString(folder.resolve("summary.json"), json.writeValueAsString(s.toJson()));
            AtomicFiles.writeString(folder.resolve("manifest.sha256"), s.manifestText());
            AtomicFiles.writeString(folder.resolve("junit.xml"), JunitXml.render(s));
            for (ReportLang lang : ReportLang.values()) {
                AtomicFiles.writeString(folder.resolve(lang.page()), SummaryHtml.render(s, lang));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the certification summary into " + folder
                    + ": check that the folder is writable", ex);
        }
    }

    static Map<String, Object> ordered() {
        return new LinkedHashMap<>();
    }
}
