package io.firstsettle;

import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import io.firstsettle.evidence.EventLog;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import io.firstsettle.testing.CatalogueLauncher;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import org.junit.jupiter.api.Test;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import org.junit.platform.engine.discovery.FilePosition;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import java.io.PrintWriter;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import java.io.StringWriter;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import java.nio.charset.StandardCharsets;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import java.nio.file.Files;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import java.nio.file.Path;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import java.util.List;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import java.util.Map;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import java.util.stream.Stream;

import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import static org.junit.jupiter.api.Assertions.assertFalse;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10: a terminal that prints through Print Text-Block 06 D3 must give the same receipts, evidence and verdicts
 * as one that prints 06 D1 lines. Runs the catalogue's receipt scenarios (a first sale settled with its receipts; a
 * register that ignores what the terminal prints, so the terminal reverses) against the profile
 * {@code emulated-zvt-textblock}, through the same Cucumber glue as the test command.
 */
class TextBlockCatalogueTest {
    @Test
    void receiptScenariosPassWhenTheTerminalPrintsTextBlocks() throws Exception {
        Path reports = Path.of("target/textblock-catalogue").toAbsolutePath();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectFile("features/first-transaction/first-sale-settles.feature",
                                FilePosition.from(6)),
                        DiscoverySelectors.selectFile("features/operator/operator-errors.feature", FilePosition.from(27)))
                .configurationParameter("cucumber.glue", "io.firstsettle.steps")
                .configurationParameter("cucumber.plugin", "summary")
                .configurationParameter("cucumber.execution.parallel.enabled", "false")
                .build();
        TestExecutionSummary s = CatalogueLauncher.run(request, Map.of("firstsettle.terminal", "emulated-zvt-textblock",
                "firstsettle.reports", reports.toString()));
        StringWriter failures = new StringWriter();
        s.printFailuresTo(new PrintWriter(failures), 20);
        assertEquals(2, s.getTestsSucceededCount(), "both receipt scenarios pass with text blocks:\n" + failures);
        assertEquals(0, s.getTestsFailedCount(), failures.toString());

        List<Path> evidence;
        try (Stream<Path> dirs = Files.list(reports.resolve("evidence"))) {
            evidence = dirs.filter(Files::isDirectory).sorted().toList();
        }
        Path settled = evidence.stream().filter(p -> p.getFileName().toString().startsWith("first-sale"))
                .findFirst().orElseThrow();
        String receipts = Files.readString(settled.resolve("receipts.txt"), StandardCharsets.UTF_8);
        assertTrue(receipts.contains("CUSTOMER COPY") && receipts.contains("MERCHANT COPY")
                && receipts.contains("APPROVED AUTH"), receipts);
        assertTrue(receipts.contains("END OF DAY"), receipts);
        List<EvidenceEvent> events = EventLog.read(settled).events();
        assertTrue(events.stream().anyMatch(e -> e.is("ecr", "zvt-in") && e.payload() instanceof SerialFrame f
                && String.valueOf(f.apdu()).startsWith("Apdu[Print Text Block")), "the terminal sent 06 D3");
        assertFalse(events.stream().anyMatch(e -> e.payload() instanceof SerialFrame f
                && String.valueOf(f.apdu()).startsWith("Apdu[Print Line")), "no 06 D1 from a text-block terminal");
        assertTrue(events.stream().anyMatch(e -> e.payload() instanceof VerdictRecorded v
                && String.valueOf(v.because()).contains("receipt lines 12")),
                "the oracle saw the two six-line copies as receipt lines");
    }
}
