package io.firstsettle.steps;

import io.cucumber.java.en.When;
import io.cucumber.java.zh_cn.当;

/** What happens at the payment provider's side between the terminal's requests. */
public final class ProviderSteps {
    private final ScenarioWorld world;

    public ProviderSteps(ScenarioWorld world) {
        this.world = world;
    }

    @When("the provider's host restarts")
    @当("收单主机重启")
    public void hostRestarts() {
        world.rig().restartHost();
    }
}
