package io.firstsettle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.LabClock;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;

/** Each link fault through the proxy, with the real host behind it and a jPOS NACChannel terminal in front. */
class LinkFaultProxyTest {
    private final LabClock clock = LabClock.scaled(0.01);
    private final List<Map<String, ?>> faultEvents = new CopyOnWriteArrayList<>();
    private BankFake bank;
    private AcquirerHost host;
    private LinkFaultProxy proxy;
    private WireTerminal t;

    @BeforeEach
    void start() throws Exception {
        bank = BankFake.start(Path.of("fixtures", "bank"), clock);
        host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, null)
                .withBankBudget(java.time.Duration.ofSeconds(500)));
        proxy = LinkFaultProxy.start(host.port(), null, clock, (s, k, f) -> {
            if (s.equals("fault") && k.equals("link-fault-fired")) {
                faultEvents.add(f);
            }
        });
        t = new WireTerminal("T0000009", "MERCHANT0000009", proxy.port(), host.packager());
        assertEquals("00", t.exchange(t.signOn()).getString(39), "a faithful proxy passes the sign-on");
    }

    @AfterEach
    void stop() {
        proxy.close();
        host.close();
        bank.close();
    }

    private AppliedFault apply(String name) {
        return proxy.apply(FaultFiles.load(BankFaultProfilesTest.FAULTS, name));
    }

    private long hostSaw(String mti, String direction) {
        return host.journal().entries().stream().filter(e -> e.mti().equals(mti) && e.direction().equals(direction))
                .count();
    }

    private String sale() throws Exception {
        return t.exchange(t.sale(100), 3_000).getString(39);
    }

    @Test
    void refuseResetsEveryConnectionUntilRemoved() throws Exception {
        AppliedFault f = apply("link-refuse");
        assertThrows(IOException.class, this::sale);
        assertEquals(0, hostSaw("0200", "in"), "nothing reached the host");
        f.remove();
        assertEquals("00", sale());
        assertEquals(1, faultEvents.size());
    }

    @Test
    void dropAfterRequestTheHostGotTheSaleTheTerminalGotNothing() throws Exception {
        AppliedFault f = apply("link-drop-after-request");
        assertThrows(IOException.class, this::sale);
        // the request was delivered before the drop; the host's worker journals it on its own thread
        io.firstsettle.core.Waits.until(clock, "the host's journal entry of the dropped 0200",
                java.time.Duration.ofSeconds(100), () -> hostSaw("0200", "in") == 1
                        ? java.util.Optional.of(true) : java.util.Optional.empty(),
                () -> host.journal().entries().toString());
        f.remove();
        assertEquals("00", sale());
    }

    @Test
    void dropAfterResponseTheHostApprovedButTheAnswerIsLost() throws Exception {
        AppliedFault f = apply("link-drop-after-response");
        assertThrows(IOException.class, this::sale);
        assertEquals(1, host.journal().entries().stream().filter(e -> e.isOut() && e.mti().equals("0210")
                && "00".equals(e.responseCode())).count(), "the host did send an approved 0210");
        assertEquals("response-received", faultEvents.get(0).get("point"));
        f.remove();
        assertEquals("00", sale());
    }

    @Test
    void triggerAtAPointOnlyHitsItsMti() throws Exception {
        apply("link-drop-after-response");
        assertEquals("00", t.exchange(t.signOn(), 3_000).getString(39), "0800 passes a fault aimed at 0200");
    }

    @Test
    void fixedDelayHoldsTheAnswer() throws Exception {
        AppliedFault f = apply("link-delay-fixed"); // 5 s lab = 50 ms real
        long t0 = System.nanoTime();
        assertEquals("00", sale());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 50, "answered after " + ms + " ms, expected at least 50 ms");
        assertEquals(5000L, faultEvents.get(0).get("delayLabMillis"));
        f.remove();
    }

    @Test
    void jitteredDelayIsTheSameSequenceForTheSameSeed() throws Exception {
        List<Object> first = delays();
        faultEvents.clear();
        List<Object> second = delays();
        assertEquals(first, second);
        assertNotEquals(1, first.stream().distinct().count(), "jitter varies: " + first);
        for (Object d : first) {
            long v = (Long) d;
            assertTrue(v >= 1000 && v < 5000, "1 s + [0, 4 s): " + v);
        }
    }

    private List<Object> delays() throws Exception {
        AppliedFault f = apply("link-delay-jitter");
        for (int i = 0; i < 4; i++) {
            assertEquals("00", sale());
        }
        f.remove();
        return faultEvents.stream().map(e -> (Object) e.get("delayLabMillis")).toList();
    }

    @Test
    void halfOpenAcceptsAndNeverAnswers() throws Exception {
        AppliedFault f = apply("link-half-open");
        assertThrows(SocketTimeoutException.class, () -> t.exchange(t.sale(100), 300));
        assertEquals(0, hostSaw("0200", "in"));
        f.remove();
        assertEquals("00", sale());
    }

    @Test
    void resetMidMessageCutsTheAnswerInHalf() throws Exception {
        AppliedFault f = apply("link-reset-mid-message");
        assertThrows(IOException.class, this::sale);
        assertEquals(1, hostSaw("0210", "out"));
        f.remove();
        assertEquals("00", sale());
    }

    @Test
    void bandwidthLimitSlowsTheExchange() throws Exception {
        assertEquals(20, FaultFiles.load(BankFaultProfilesTest.FAULTS, "link-bandwidth").link().bytesPerSecond());
        long t0 = System.nanoTime();
        sale();
        long fast = (System.nanoTime() - t0) / 1_000_000;
        AppliedFault f = proxy.apply(FaultProfile.link("slow", new LinkFault(LinkAction.BANDWIDTH, null, null, null,
                null, 5)));
        t0 = System.nanoTime();
        assertEquals("00", sale());
        long slow = (System.nanoTime() - t0) / 1_000_000;
        // ~100 bytes each way at 5 bytes per lab second = ~20 lab s = ~200 ms real
        assertTrue(slow >= 150 && slow > fast, "limited " + slow + " ms vs unlimited " + fast + " ms");
        f.remove();
    }

    @Test
    void nthTriggerHitsOnlyTheSecondSale() throws Exception {
        apply("link-drop-second-sale");
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try {
                outcomes.add(sale());
            } catch (IOException e) {
                outcomes.add("lost");
            }
        }
        assertEquals(List.of("00", "lost", "00"), outcomes);
    }

    @Test
    void probabilityTriggerIsRepeatableUnderItsSeed() throws Exception {
        List<String> a = randomRun();
        List<String> b = randomRun();
        assertEquals(a, b, "same seed, same hits");
        long lost = a.stream().filter("lost"::equals).count();
        assertTrue(lost > 0 && lost < a.size(), "p = 0.3 over " + a.size() + " sales lost " + lost);
    }

    private List<String> randomRun() throws Exception {
        AppliedFault f = apply("link-drop-random");
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            try {
                outcomes.add(sale());
            } catch (IOException e) {
                outcomes.add("lost");
            }
        }
        f.remove();
        return outcomes;
    }

    @Test
    void mtiIsReadAfterTheTpduInBothPackagerStyles() {
        byte[] binary = {0, 9, 0x60, 0, 0, 0, 0, 0x02, 0x00, 0x70, 0x20};
        byte[] ascii = {0, 11, 0x60, 0, 0, 0, 0, '0', '8', '0', '0', 0, 0};
        assertEquals("0200", proxy.mti(binary));
        assertEquals("0800", proxy.mti(ascii));
    }

    @Test
    void brokenLinkSectionsAreRefused() {
        FaultFieldException e = assertThrows(FaultFieldException.class,
                () -> LinkFault.of(LinkAction.REFUSE, ProtocolPoint.RESPONSE_RECEIVED, null));
        assertEquals("link.point", e.field());
    }
}
