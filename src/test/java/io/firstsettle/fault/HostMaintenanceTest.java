package io.firstsettle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;

class HostMaintenanceTest {
    private final LabClock clock = LabClock.scaled(0.01);
    private BankFake bank;
    private AcquirerHost host;

    @BeforeEach
    void start() {
        bank = BankFake.start(Path.of("fixtures", "bank"), clock);
        host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, null).withBankBudget(Duration.ofSeconds(500)));
    }

    @AfterEach
    void stop() {
        host.close();
        bank.close();
    }

    @Test
    void refuseAnswersSignOnWith91ForItsTerminalOnlyUntilTheWindowPasses() throws Exception {
        WireTerminal a = new WireTerminal("T0000001", "MERCHANT0000001", host.port(), host.packager());
        WireTerminal b = new WireTerminal("T0000002", "MERCHANT0000002", host.port(), host.packager());
        AppliedFault f = host.apply(FaultFiles.load(BankFaultProfilesTest.FAULTS, "host-maintenance"), a.tid);
        assertEquals("91", a.exchange(a.signOn()).getString(39));
        assertEquals("00", b.exchange(b.signOn()).getString(39), "the other terminal is not in maintenance");
        clock.advance(Duration.ofMinutes(30));
        assertFalse(f.active());
        assertEquals("00", a.exchange(a.signOn()).getString(39));
        assertEquals("00", a.exchange(a.sale(100)).getString(39));
    }

    @Test
    void refuseIsRemovedInOneCall() throws Exception {
        WireTerminal a = new WireTerminal("T0000001", "MERCHANT0000001", host.port(), host.packager());
        AppliedFault f = host.apply(FaultFiles.load(BankFaultProfilesTest.FAULTS, "host-maintenance"), a.tid);
        assertEquals("91", a.exchange(a.signOn()).getString(39));
        f.remove();
        assertEquals("00", a.exchange(a.signOn()).getString(39));
    }

    @Test
    void portClosedRefusesConnectionsThenListensAgainOnTheSamePort() throws Exception {
        int port = host.port();
        WireTerminal a = new WireTerminal("T0000001", "MERCHANT0000001", port, host.packager());
        assertEquals("00", a.exchange(a.signOn()).getString(39));
        AppliedFault f = host.apply(FaultFiles.load(BankFaultProfilesTest.FAULTS, "host-maintenance-port-closed"), a.tid);
        Waits.until(clock, "the host port to close", Duration.ofSeconds(200), () -> connects(port) ? Optional.empty()
                : Optional.of(true), () -> "127.0.0.1:" + port + " still accepts");
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        clock.advance(Duration.ofMinutes(30));
        // jPOS's ISOServer sleeps 5 s (real) after its accept fails before it asks for a new socket, so the port
        // reopens up to 5 s real after the window: wait 15 s real (1500 s lab at scale 0.01), not exactly 5
        Waits.until(clock, "the host port to reopen after the window", Duration.ofSeconds(1500),
                () -> connects(port) ? Optional.of(true) : Optional.empty(), () -> "still refused");
        assertEquals("00", a.exchange(a.signOn()).getString(39));
        f.remove();
    }

    private static boolean connects(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
