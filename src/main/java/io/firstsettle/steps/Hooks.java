package io.firstsettle.steps;

import io.firstsettle.core.event.Generic;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

import io.firstsettle.evidence.EventLog;
import io.firstsettle.oracle.Diagnosis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.firstsettle.oracle.VerdictKind;

import java.util.Map;

/** Names each scenario's evidence folder before it starts and stops its rig after it ends. */
public final class Hooks {
    private final ScenarioWorld world;

    public Hooks(ScenarioWorld world) {
        this.world = world;
    }

    @Before(order = 0)
    public void name(Scenario scenario) {
        String slug = scenario.getName().toLowerCase().replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-|-$)", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60);
        }
        world.scenarioId(slug + "-L" + scenario.getLine());
        world.tags(scenario.getSourceTagNames());
    }

    @After
    public void stop(Scenario scenario) {
        if (world.verdict() == null && world.hasRig() && world.firstSale() != null && world.skipped() == null) {
            // the scenario stopped before its Then: judge anyway, so a failed scenario still names what it caught
            try {
                world.judgeOnce();
            } catch (RuntimeException e) {
                scenario.log("the oracle could not judge: " + e.getMessage());
            }
        }
        if (world.skipped() != null) {
            scenario.log("skipped: " + world.skipped());
        } else if (world.labFault() != null) {
            scenario.log("verdict: " + VerdictKind.LAB_FAULT + " | " + world.evidenceDir());
            scenario.log(world.labFault().getMessage());
        } else if (world.verdict() != null) {
            scenario.log("verdict: " + world.verdict().kind() + " | " + world.evidenceDir());
            scenario.log(world.verdict().explain());
        } else if (world.hasRig()) {
            scenario.log("verdict: none | " + world.evidenceDir());
        }
        if (world.hasRig()) {
            world.rig().evidence().record("lab", new Generic("scenario-finished", Map.of("status",
                    scenario.getStatus().name(),
                    "verdict", world.verdict() == null ? "none" : world.verdict().kind().name())));
            world.rig().close();
            writeDiagnosis(scenario);
        }
    }

    /** diagnosis.txt next to the events, from the events alone (the same text `firstsettle diagnose` prints). */
    private void writeDiagnosis(Scenario scenario) {
        Path dir = world.rig().evidence().dir();
        Path file = dir.resolve("diagnosis.txt");
        try {
            Files.writeString(file, Diagnosis.of(EventLog.read(dir)).render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        // links, not inlined files: a 400-scenario run must not make a 300 MB HTML (cucumber-jvm #2166)
        StringBuilder uris = new StringBuilder();
        for (String f : new String[]{"timeline.svg", "trace.txt", "receipts.txt", "diagnosis.txt", "events.jsonl"}) {
            uris.append(dir.resolve(f).toUri()).append("\r\n");
        }
        scenario.attach(uris.toString(), "text/uri-list", "evidence");
    }
}
