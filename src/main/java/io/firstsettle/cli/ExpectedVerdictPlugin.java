package io.firstsettle.cli;

import io.firstsettle.core.AtomicFiles;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code expected-verdicts.tsv} into the report folder: for each scenario (by location) the verdict its
 * Gherkin expects ("Then the first transaction is X" / "那么首笔交易的结论是 X"), outline values filled in. The lab store
 * keeps it next to the verdict the oracle gave.
 */
public final class ExpectedVerdictPlugin implements ConcurrentEventListener {
    static final String FILE = "expected-verdicts.tsv";
    private static final Pattern EXPECT = Pattern.compile("(?:the first transaction is|首笔交易的结论是)\\s+([A-Z_]+)\\s*$");
    private final Path folder;
    private final Map<String, String> expected = new TreeMap<>();

    public ExpectedVerdictPlugin(String folder) {
        this.folder = Path.of(folder).toAbsolutePath();
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, this::started);
        publisher.registerHandlerFor(TestRunFinished.class, e -> write());
    }

    private synchronized void started(TestCaseStarted e) {
        for (var step : e.getTestCase().getTestSteps()) {
            if (step instanceof PickleStepTestStep p) {
                Matcher m = EXPECT.matcher(p.getStep().getText());
                if (m.find()) {
                    expected.put(e.getTestCase().getUri() + ":" + e.getTestCase().getLocation().getLine(), m.group(1));
                }
            }
        }
    }

    private synchronized void write() {
        StringBuilder sb = new StringBuilder();
        expected.forEach((loc, v) -> sb.append(loc).append('\t').append(v).append('\n'));
        try {
            Files.createDirectories(folder);
            AtomicFiles.writeString(folder.resolve(FILE), sb.toString());
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + folder.resolve(FILE) + ": check that the folder is writable", ex);
        }
    }

    /** Reads the file back: location to expected verdict; empty when the run wrote none. */
    static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path f = folder.resolve(FILE);
        if (Files.isRegularFile(f)) {
            for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                int tab = l.lastIndexOf('\t');
                if (tab > 0) {
                    out.put(l.substring(0, tab), l.substring(tab + 1));
                }
            }
        }
        return out;
    }
}
