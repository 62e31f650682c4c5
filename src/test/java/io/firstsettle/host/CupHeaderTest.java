package io.firstsettle.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.Test;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

/** An 11-byte China UnionPay style channel header through the real host and a jPOS client using the same header. */
class CupHeaderTest {
    private static final String REQUEST_HEADER = "6000030000" + "613100310003";

    @Test
    void theHostSwapsTheTpduAndEchoesTheApplicationHeader() throws Exception {
        LabClock clock = LabClock.scaled(0.01);
        try (BankFake bank = BankFake.start(Path.of("fixtures", "bank"), clock);
             AcquirerHost host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, EventSink.NONE)
                     .withTpduHex("6000000000613100310003").withBankBudget(Duration.ofSeconds(500)))) {
            NACChannel ch = new NACChannel("127.0.0.1", host.port(), host.packager(), ISOUtil.hex2byte(REQUEST_HEADER));
            ch.setTimeout(15_000);
            ch.connect();
            try {
                ch.send(IsoTestClient.signOn("000001"));
                ISOMsg signOn = ch.receive();
                assertEquals("00", signOn.getString(39));
                assertArrayEquals(ISOUtil.hex2byte("6000000003" + "613100310003"), signOn.getHeader(),
                        "TPDU destination/source swapped, application header echoed");
                ch.send(IsoTestClient.sale("000002", 1234));
                ISOMsg sale = ch.receive();
                assertEquals("0210", sale.getMTI());
                assertEquals("00", sale.getString(39));
                assertEquals("000000001234", sale.getString(4), "the message after the 11 bytes is read whole");
                assertArrayEquals(ISOUtil.hex2byte("6000000003613100310003"), sale.getHeader());
            } finally {
                ch.disconnect();
            }
            assertTrue(host.journal().approvedSale(AcquirerHostTest.TID, "000002").isPresent());
        }
    }

    @Test
    void replyHeaderSwapsOnlyTheTpduOfAnElevenByteHeader() {
        byte[] in = ISOUtil.hex2byte("60ABCD1234" + "613100310003");
        assertArrayEquals(ISOUtil.hex2byte("601234ABCD" + "613100310003"), IsoDialect.replyHeader(in));
        assertArrayEquals(ISOUtil.hex2byte("60ABCD1234"), IsoDialect.replyHeader(ISOUtil.hex2byte("60ABCD1234")),
                "5-byte headers are left to NACChannel");
    }

    @Test
    void aHeaderOfAnotherLengthIsRefusedWithTheFix() {
        LabClock clock = LabClock.scaled(0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostConfig.defaults(
                java.net.URI.create("http://127.0.0.1:1/"), clock, EventSink.NONE).withTpduHex("60000000006131"));
        assertTrue(e.getMessage().contains("22"), e.getMessage());
    }
}
