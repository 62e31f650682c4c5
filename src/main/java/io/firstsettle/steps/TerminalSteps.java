package io.firstsettle.steps;

import io.firstsettle.core.event.LogOnSetup;
import io.cucumber.java.zh_cn.假如;
import io.cucumber.java.en.Given;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.emulator.Defect;
import io.firstsettle.lab.LabFault;
import io.firstsettle.lab.Rig;
import io.firstsettle.profile.TerminalProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/** Setting up the terminal: a factory-new device, registered by the cash register. */
public final class TerminalSteps {
    private final ScenarioWorld world;

    public TerminalSteps(ScenarioWorld world) {
        this.world = world;
    }

    @假如("一台出厂新的模拟终端")
    @假如("一台出厂新的终端")
    @Given("a factory-new emulated terminal")
    @Given("a factory-new terminal")
    public void factoryNewEmulatedTerminal() {
        start(ScenarioWorld.defects());
    }

    @Given("a factory-new terminal on a lab-timed serial line")
    @假如("一台串口按实验室时间计时的出厂新终端")
    public void factoryNewOnLabTimedLine() {
        start(ScenarioWorld.defects(), true);
    }

    @Given("a factory-new emulated terminal with the defect {string} on a lab-timed serial line")
    @假如("一台带有缺陷 {string} 且串口按实验室时间计时的出厂新模拟终端")
    public void factoryNewWithDefectOnLabTimedLine(String defect) {
        Set<Defect> defects = EnumSet.noneOf(Defect.class);
        defects.addAll(ScenarioWorld.defects());
        defects.add(Defect.parse(defect));
        start(defects, true);
    }

    @Given("a factory-new emulated terminal with the defect {string}")
    @假如("一台带有缺陷 {string} 的出厂新模拟终端")
    public void factoryNewEmulatedTerminalWithDefect(String defect) {
        Set<Defect> defects = EnumSet.noneOf(Defect.class);
        defects.addAll(ScenarioWorld.defects());
        defects.add(Defect.parse(defect));
        start(defects);
    }

    private void start(Set<Defect> defects) {
        start(defects, false);
    }

    private void start(Set<Defect> defects, boolean labTimedLine) {
        TerminalProfile profile = TerminalProfile.named(io.firstsettle.core.RunSettings.get("firstsettle.terminal", "emulated-zvt"));
        if (labTimedLine) {
            profile = profile.onLabTimedLine(ScenarioWorld.scale());
        }
        Path evidence = world.evidenceDir();
        Path state = evidence.resolve("terminal-state");
        wipe(evidence);
        try {
            world.rig(Rig.start(new Rig.Spec(profile, ScenarioWorld.fixtures(), evidence, state, world.newClock(),
                    defects)));
        } catch (LabFault e) {
            world.labFault(e);
            throw e;
        }
        world.skipUnlessCapable();
    }

    @假如("收银机已注册该终端")
    @Given("the cash register has registered the terminal")
    public void registered() {
        if (!world.rig().register().supports(Capability.LOGON)) {
            // a protocol with no log-on (Concert E+): the terminal takes requests as installed; nothing to do
            world.rig().evidence().record("lab", new LogOnSetup("not needed",
                    world.rig().register().protocol()));
            return;
        }
        Outcome t = world.rig().register().logOn();
        world.registration(t);
        if (!t.answered()) {
            world.failIfUnreachable();
        }
        if (!t.approved()) {
            throw new AssertionError("the terminal did not accept the registration: " + describe(t));
        }
    }

    static String describe(Outcome t) {
        return t.operation() + (t.answered() ? " finished" : " did not finish") + ", result " + t.codeText()
                + (t.answered() || t.reason() == null ? "" : " (" + t.reason() + ")");
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot clear the old evidence folder " + dir, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
