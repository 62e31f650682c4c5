package io.firstsettle;

import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.evidence.EventLog;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.testing.CatalogueLauncher;
import io.firstsettle.core.event.EvidenceEvent;
import org.junit.jupiter.api.Test;
import io.firstsettle.core.event.EvidenceEvent;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import io.firstsettle.core.event.EvidenceEvent;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import io.firstsettle.core.event.EvidenceEvent;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import io.firstsettle.core.event.EvidenceEvent;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import io.firstsettle.core.event.EvidenceEvent;
import java.io.PrintWriter;
import io.firstsettle.core.event.EvidenceEvent;
import java.io.StringWriter;
import io.firstsettle.core.event.EvidenceEvent;
import java.nio.file.Files;
import io.firstsettle.core.event.EvidenceEvent;
import java.nio.file.Path;
import io.firstsettle.core.event.EvidenceEvent;
import java.util.ArrayList;
import io.firstsettle.core.event.EvidenceEvent;
import java.util.List;
import io.firstsettle.core.event.EvidenceEvent;
import java.util.Map;
import io.firstsettle.core.event.EvidenceEvent;
import java.util.stream.Stream;

import io.firstsettle.core.event.EvidenceEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import io.firstsettle.core.event.EvidenceEvent;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: the catalogue, unchanged, against the emulated Concert terminal (Telium protocol E+ on a 7E1 pty, the same
 * payment engine, ISO 8583 side and bank as the ZVT one). Every scenario the terminal can run must give its expected
 * verdict; a scenario that needs what Concert E+ lacks (log-on, abort, status, print lines through the register, host
 * response codes, serial faults at ZVT points) is skipped, and each skip names its reason in the evidence.
 */
class ConcertCatalogueTest {
    @Test
    void theCataloguePassesAgainstTheScriptedConcertServices() throws Exception {
        Path reports = Path.of("target/concert-catalogue").toAbsolutePath();
        if (Files.exists(reports)) {
            // one run's evidence only: an earlier run's folders would be counted as this run's
            try (Stream<Path> old = Files.walk(reports)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory("features"))
                .configurationParameter("cucumber.glue", "io.firstsettle.steps")
                .configurationParameter("cucumber.plugin", "summary")
                .configurationParameter("cucumber.filter.tags", "not @bench and not @manual")
                .build();
        TestExecutionSummary s = CatalogueLauncher.run(request, Map.of("firstsettle.terminal", "emulated-concert",
                "firstsettle.reports", reports.toString()));
        StringWriter failures = new StringWriter();
        s.printFailuresTo(new PrintWriter(failures), 20);
        assertEquals(0, s.getTestsFailedCount(), "scenarios failing against the emulated Concert terminal:\n" + failures);
        assertTrue(s.getTestsSucceededCount() >= 30, "only " + s.getTestsSucceededCount() + " scenarios ran to their "
                + "verdict against the Concert terminal (34 did when this test was written)");

        List<Path> evidence;
        try (Stream<Path> dirs = Files.list(reports.resolve("evidence"))) {
            evidence = dirs.filter(Files::isDirectory).sorted().toList();
        }
        List<String> skipped = new ArrayList<>();
        int concertSales = 0;
        for (Path dir : evidence) {
            List<EvidenceEvent> events = EventLog.read(dir).events();
            events.stream().filter(e -> e.is("lab", "scenario-skipped"))
                    .forEach(e -> skipped.add(String.valueOf(e.details().get("reason"))));
            if (events.stream().anyMatch(e -> e.is("ecr", "concert-out"))) {
                concertSales++;
            }
            assertTrue(events.stream().noneMatch(e -> e.kind().startsWith("zvt-")),
                    dir + ": a Concert rig spoke ZVT");
        }
        assertEquals(s.getTestsSkippedCount() + s.getTestsAbortedCount(), skipped.size(),
                "every skipped scenario names its reason in its evidence: " + skipped);
        assertTrue(skipped.stream().allMatch(r -> r.contains("not supported by")), skipped.toString());
        assertTrue(concertSales >= 30, "the register spoke Concert in " + concertSales + " scenarios");
    }
}
