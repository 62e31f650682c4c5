package io.firstsettle.lab;

import io.firstsettle.core.event.Generic;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;
import io.firstsettle.profile.TerminalProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** After power-on: waits (bounded) for the terminal's serial device to be back before the register reopens it. */
final class BenchBoot {
    static final Duration BOUND = Duration.ofSeconds(60);

    private BenchBoot() {
    }

    static void awaitLine(TerminalProfile p, LabClock clock, EventSink evidence) {
        if (p.port().contains("://")) {
            return; // a network line: the port server stays up while the terminal boots
        }
        Path dev = Path.of(p.port());
        try {
            Waits.until(LabClock.real(), "the terminal's line " + dev + " after power-on", BOUND,
                    () -> Files.exists(dev) ? Optional.of(true) : Optional.empty(),
                    () -> dev + " does not exist");
        } catch (Waits.WaitTimeout e) {
            throw new LabFault("after power-on the line " + dev + " did not come back within " + BOUND.toSeconds()
                    + " s: check the power switch and the cable", e);
        }
        evidence.record("lab", new Generic("line-back", Map.of("port", p.port())));
    }
}
