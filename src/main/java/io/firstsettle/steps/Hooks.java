package io.firstsettle.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

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
    }

    @After
    public void stop(Scenario scenario) {
        if (world.verdict() != null) {
            scenario.log("verdict: " + world.verdict().kind() + " | " + world.evidenceDir());
            scenario.log(world.verdict().explain());
        } else if (world.hasRig()) {
            scenario.log("verdict: none | " + world.evidenceDir());
        }
        if (world.hasRig()) {
            world.rig().evidence().record("lab", "scenario-finished", Map.of("status", scenario.getStatus().name(),
                    "verdict", world.verdict() == null ? "none" : world.verdict().kind().name()));
            world.rig().close();
        }
    }
}
