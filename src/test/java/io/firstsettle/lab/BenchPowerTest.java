package io.firstsettle.lab;

import io.firstsettle.testing.BenchDevice;
import io.firstsettle.testing.LabTools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bench profile with power commands: the power-loss scenarios (tagged @emulated @power) run on the terminal process
 * on its cable, its power cut by the profile's powerOff command (SIGKILL to the device) and restored by powerOn (the
 * device boots again from the same state directory), with the emulated terminal's verdicts.
 */
class BenchPowerTest {
    @TempDir
    Path dir;

    @Test
    @Tag("lab-tools")
    void aProfileWithPowerCommandsRunsThePowerLossScenariosOnTheBench() throws Exception {
        try (BenchDevice d = BenchDevice.start(dir.resolve("d"), "29110003")) {
            String firstPid = Files.readString(d.dir().resolve("device.pid")).trim();
            Path profile = d.profile("bench-power", true);
            BenchDevice.Result r = BenchDevice.firstsettle(dir.resolve("lab-state"), dir.resolve("run.log"),
                    List.of("run", "--terminal", "emulated-zvt", "--terminal", profile.toString(), "--report",
                            dir.resolve("run").toString(), Path.of("features/power/power-loss.feature")
                                    .toAbsolutePath().toString()), Duration.ofMinutes(4));
            assertEquals(0, r.exit(), r.output() + "\n" + d.log());
            Map<String, List<String>> emulated = BenchLanesTest.verdicts(dir.resolve("run/lanes/emulated-zvt"));
            Map<String, List<String>> bench = BenchLanesTest.verdicts(dir.resolve("run/lanes/bench-power"));
            assertEquals(3, bench.size(), bench.toString());
            assertEquals(emulated, bench);
            String events;
            try (Stream<Path> s = Files.walk(dir.resolve("run/lanes/bench-power/evidence"))) {
                events = s.filter(p -> p.getFileName().toString().equals("events.jsonl")
                                && !p.getParent().getFileName().toString().equals("bench-prep"))
                        .map(LabTools::read).collect(Collectors.joining("\n"));
            }
            assertTrue(events.contains("\"kind\":\"power-off\"") && events.contains(d.powerOffCommand())
                    && events.contains(d.powerOnCommand()) && events.contains("\"exit\":0"),
                    "the power commands and their exit status are in the evidence");
            assertNotEquals(firstPid, Files.readString(d.dir().resolve("device.pid")).trim(),
                    "the device was power-cycled (a new process)");
        }
    }
}
