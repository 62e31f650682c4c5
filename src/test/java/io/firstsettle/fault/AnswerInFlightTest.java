package io.firstsettle.fault;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.LabClock;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.host.SessionLimits;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session waiting for the host's own answer is not idle. The host closes a silent session after its idle timeout
 * (issue 16), but a terminal that sent a sale and waits while the bank is slow is not silent: the host owes it an
 * answer. Before this test the idle timer ran on the channel's read while the answer was still being worked out, so a
 * bank slower than the idle timeout cut the connection under the answer (the terminal saw the line drop, not a late
 * answer) — under load at the catalogue's lab scale this broke {@code HostMaintenanceTest}.
 */
class AnswerInFlightTest {
    private final LabClock clock = LabClock.scaled(0.01);
    private BankFake bank;
    private AcquirerHost host;

    @BeforeEach
    void start() {
        bank = BankFake.start(Path.of("fixtures", "bank"), clock);
        // idle timeout 60 lab s = 0.6 s real; the bank may take up to 500 lab s
        host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, null)
                .withBankBudget(Duration.ofSeconds(500)), new SessionLimits(8, Duration.ofSeconds(60)));
    }

    @AfterEach
    void stop() {
        host.close();
        bank.close();
    }

    @Test
    void aSaleAnsweredAfterTheIdleTimeoutStillGetsItsAnswerOnItsConnection() throws Exception {
        WireTerminal t = new WireTerminal("T0000001", "MERCHANT0000001", host.port(), host.packager());
        assertEquals("00", t.exchange(t.signOn()).getString(39));
        // the bank answers after 1.5 x 100 lab s = 150 lab s = 1.5 s real: well past the 0.6 s idle timeout
        AppliedFault slow = bank.apply(BankFaultProfilesTest.fault("bank-delay-fixed"),
                new FaultTarget(t.tid, null, Duration.ofSeconds(100)));
        long t0 = System.nanoTime();
        ISOMsg answer = t.exchange(t.sale(1234));
        long realMs = (System.nanoTime() - t0) / 1_000_000;
        slow.remove();
        assertEquals("0210", answer.getMTI());
        assertEquals("00", answer.getString(39), "approved, late but on the same connection");
        assertTrue(realMs >= 1_000, "the answer really came after the idle timeout: " + realMs + " ms");
        assertEquals(2, host.sessions().started(), "one connection for the sign-on, one for the sale: no reconnect");
    }
}
