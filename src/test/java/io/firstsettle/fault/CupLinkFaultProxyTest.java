package io.firstsettle.fault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.host.SessionLimits;

/**
 * The link-fault proxy in front of a host that runs the 11-byte China UnionPay header (TPDU 5 + application header 6,
 * protocols.md D.1): it frames as the host does, so a fault aimed at the second 0200 fires there, and every message
 * still reaches the host and the terminal whole.
 */
class CupLinkFaultProxyTest {
    private static final String TERMINAL_HEADER = "6000030000" + "613100310003";
    private final LabClock clock = LabClock.scaled(0.01);
    /** 3000 s lab = 30 s real: the host never closes these sessions idle while a loaded machine is slow. */
    private static final SessionLimits LONG_IDLE = new SessionLimits(16, Duration.ofSeconds(3000));
    private final List<Map<String, ?>> fired = new CopyOnWriteArrayList<>();
    private org.jpos.iso.ISOPackager packager;

    @Test
    void aFaultAtANamedPointFiresOnTheRightMtiBehindAnElevenByteHeader() throws Exception {
        try (BankFake bank = BankFake.start(Path.of("fixtures", "bank"), clock);
             AcquirerHost host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, EventSink.NONE)
                     .withTpduHex("6000000000613100310003").withBankBudget(Duration.ofSeconds(500)), LONG_IDLE);
             LinkFaultProxy proxy = LinkFaultProxy.start(host.config().frameFormat(), host.port(), null, clock,
                     this::fault)) {
            packager = host.packager();
            assertEquals(11, proxy.format().headerBytes(), "the proxy takes the host's header");
            proxy.apply(FaultFiles.load(BankFaultProfilesTest.FAULTS, "link-drop-second-sale"));
            WireTerminal t = new WireTerminal("T0000011", "MERCHANT0000011", proxy.port(), host.packager());

            ISOMsg signOn = exchange(proxy, t.signOn());
            assertEquals("0810", signOn.getMTI());
            assertEquals("00", signOn.getString(39), "0800 passes a fault aimed at 0200");
            ISOMsg first = exchange(proxy, t.sale(1234));
            assertEquals("0210", first.getMTI());
            assertEquals("00", first.getString(39));
            assertEquals("000000001234", first.getString(4), "the reply after the 11-byte header is read whole");
            assertArrayEquals(ISOUtil.hex2byte("6000000003613100310003"), first.getHeader(),
                    "TPDU swapped by the host, application header echoed, through the proxy");
            assertTrue(fired.isEmpty(), "nth 2: the first 0200 is not hit: " + fired);

            assertThrows(IOException.class, () -> exchange(proxy, t.sale(2345)), "the second 0210 is dropped");
            assertEquals(1, fired.size(), String.valueOf(fired));
            assertEquals("0200", fired.get(0).get("mti"), "the MTI read after 11 bytes, not the application header");
            assertEquals("response-received", fired.get(0).get("point"));
            assertEquals(2, host.journal().byMti("0200").stream().filter(e -> !e.isOut()).count(),
                    "the host parsed both sales that went through the proxy");
            assertTrue(host.journal().entries().stream().anyMatch(e -> e.isOut() && e.mti().equals("0210")
                    && Long.valueOf(2345).equals(e.amountMinor())), "the host answered the second sale");

            assertEquals("00", exchange(proxy, t.sale(3456)).getString(39), "nth 2 only: the third sale passes");
            assertEquals(1, fired.size());
        }
    }

    @Test
    void aProxyFramingFiveBytesMissesTheMtiOfAnElevenByteHost() throws Exception {
        // the old behaviour, kept as a check on the test itself: a 5-byte reading sees the application header (6131)
        try (BankFake bank = BankFake.start(Path.of("fixtures", "bank"), clock);
             AcquirerHost host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, EventSink.NONE)
                     .withTpduHex("6000000000613100310003").withBankBudget(Duration.ofSeconds(500)), LONG_IDLE);
             LinkFaultProxy proxy = LinkFaultProxy.start(host.port(), null, clock, this::fault)) {
            packager = host.packager();
            proxy.apply(FaultFiles.load(BankFaultProfilesTest.FAULTS, "link-drop-after-response"));
            WireTerminal t = new WireTerminal("T0000012", "MERCHANT0000012", proxy.port(), host.packager());
            assertEquals("00", exchange(proxy, t.signOn()).getString(39));
            assertEquals("00", exchange(proxy, t.sale(1234)).getString(39), "the fault aimed at 0200 never fired");
            assertTrue(fired.isEmpty(), String.valueOf(fired));
        }
    }

    private void fault(String source, String kind, Map<String, ?> fields) {
        if (source.equals("fault") && kind.equals("link-fault-fired")) {
            fired.add(fields);
        }
    }

    /** One exchange per connection, as the emulated terminal does, with the 11-byte header on every request. */
    private ISOMsg exchange(LinkFaultProxy proxy, ISOMsg m) throws Exception {
        NACChannel ch = new NACChannel("127.0.0.1", proxy.port(), packager, ISOUtil.hex2byte(TERMINAL_HEADER));
        ch.setTimeout(10_000);
        ch.connect();
        try {
            ch.send(m);
            return ch.receive();
        } finally {
            ch.disconnect();
        }
    }
}
