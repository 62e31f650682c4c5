package io.firstsettle.lab;

import io.firstsettle.core.LabClock;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.NotSupported;
import io.firstsettle.terminal.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rig started from a {@code protocol: concert} profile runs the emulated Concert terminal on a pty and hands the
 * scenario a Concert register behind the same port: no branch on the protocol above the rig.
 */
class ConcertRigTest {
    @Test
    void theRigRunsAConcertTerminalBehindTheRegisterPort() {
        TerminalProfile p = TerminalProfile.load(Path.of("fixtures/terminals/emulated-concert.yaml"));
        Path ev = Path.of("target/test-evidence", "concert-rig");
        try (Rig rig = Rig.start(new Rig.Spec(p, Path.of("fixtures").toAbsolutePath(), ev,
                ev.resolve("state-" + System.nanoTime()), LabClock.scaled(0.05)))) {
            assertEquals("concert", rig.terminal().protocol());
            assertTrue(rig.line().startsWith("/dev/pts/"), rig.line());
            assertTrue(rig.terminal().supports(Capability.END_OF_DAY), "E+ has no end-of-day request, but the harness "
                    + "triggers the emulated terminal's télécollecte");
            assertThrows(NotSupported.class, () -> rig.register().logOn(), "E+ has no log-on");
            assertTrue(rig.terminal().supports(Capability.POWER) && rig.terminal().supports(Capability.SERIAL_LINE));
            rig.presentCard(CardProfile.load(Path.of("fixtures/cards/visa-test.yaml")), 1234L);
            Outcome sale = rig.register().sale(1234);
            assertEquals(Outcome.Kind.APPROVED, sale.kind(), sale.toString());
            assertEquals("0", sale.code().text());
            Outcome day = rig.register().endOfDay();
            assertEquals(Outcome.Kind.APPROVED, day.kind(), "the télécollecte settled the sale: " + day);
            assertEquals(1234L, day.amountMinor(), day.toString());
            assertTrue(rig.evidence().events().stream().anyMatch(e -> "host".equals(e.get("source"))
                    && "iso-in".equals(e.get("kind")) && "0500".equals(e.get("mti"))), "a 0500 reached the host");
            assertThrows(NotSupported.class, rig::ecr, "no ZVT client under a Concert register");

            rig.powerOff();
            assertFalse(rig.terminal().on());
            rig.powerOn();
            rig.presentCard(CardProfile.load(Path.of("fixtures/cards/visa-test.yaml")), 500L);
            assertEquals(Outcome.Kind.APPROVED, rig.register().sale(500).kind(), "the register reopened the new line");
            assertTrue(rig.evidence().events().stream().anyMatch(e -> "concert-in".equals(e.get("kind"))
                    && "ecr".equals(e.get("source"))), "the answer crossed the pty as Concert frames");
        }
    }
}
