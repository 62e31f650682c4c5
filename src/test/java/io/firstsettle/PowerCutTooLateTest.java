package io.firstsettle;

import io.firstsettle.testing.CatalogueLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A power-loss scenario must cut the power while the terminal still waits for the host. When the terminal has
 * already given up (its host timeout ran out first: a slow machine at a small lab scale), it has reversed live, and a
 * verdict would claim a power-loss test that did not happen: with a terminal that does not persist its reversal, the
 * scenario gave REVERSED instead of catching the defect. Here the terminal's host timeout is 10 lab s and the bank
 * answers after 1.5 x that, so the terminal has given up (or is about to) when the power goes: the scenario is a
 * LAB_FAULT that says why, not a pass.
 */
class PowerCutTooLateTest {
    @TempDir
    Path tmp;

    @Test
    void aPowerCutAfterTheTerminalGaveUpIsALabFaultNotAVerdict() throws Exception {
        Path features = Files.createDirectories(tmp.resolve("features"));
        Files.writeString(features.resolve("late-cut.feature"), """
                Feature: a power cut that comes too late
                  Scenario: The power is cut after the terminal gave up waiting for the host
                    Given a factory-new emulated terminal
                    And the cash register has registered the terminal
                    And the fault "bank-delay-fixed" is in force
                    When the terminal loses power while the first sale of 12.34 EUR with the test card "visa-test" waits for the host
                    Then the first transaction is REVERSED
                """);
        Path reports = tmp.resolve("reports");
        // the emulated terminal with a 10 s host timeout: it gives up (and reverses) 10 lab s after its 0200, and the
        // bank answers the host after 1.5 x 10 s, so whichever ends the step's wait, the cut comes at 10 lab s or later
        Path profile = tmp.resolve("emulated-zvt-10s.yaml");
        String yaml = Files.readString(Path.of("fixtures/terminals/emulated-zvt.yaml"));
        assertTrue(yaml.contains("hostTimeoutSeconds: 30"), "the fixture profile's host timeout moved: fix this test");
        Files.writeString(profile, yaml.replace("hostTimeoutSeconds: 30", "hostTimeoutSeconds: 10"));
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectDirectory(features.toString()))
                .configurationParameter("cucumber.glue", "io.firstsettle.steps")
                .configurationParameter("cucumber.plugin", "summary")
                .build();
        TestExecutionSummary s = CatalogueLauncher.run(request, Map.of("firstsettle.terminal", profile.toString(),
                "firstsettle.reports", reports.toString()));
        assertEquals(1, s.getTestsFailedCount(), "the scenario fails instead of passing on a test that did not happen");
        String failure = s.getFailures().get(0).getException().getMessage();
        assertTrue(failure.contains("the power was cut too late") && failure.contains("--scale"), failure);
        List<Path> evidence;
        try (Stream<Path> dirs = Files.list(reports.resolve("evidence"))) {
            evidence = dirs.toList();
        }
        assertEquals(1, evidence.size());
        String diagnosis = Files.readString(evidence.get(0).resolve("diagnosis.txt"));
        assertTrue(diagnosis.startsWith("first transaction: LAB_FAULT"), diagnosis);
    }
}
