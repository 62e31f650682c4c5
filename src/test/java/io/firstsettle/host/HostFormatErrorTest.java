package io.firstsettle.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.LabClock;
import java.nio.file.Path;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed requests the host can unpack get a valid reply MTI (ISO 8583:1987: the request's class, the next odd
 * function digit) and DE39 30 "format error", over a real jPOS channel: never a made-up MTI, never silence.
 */
class HostFormatErrorTest {
    private final LabClock clock = LabClock.scaled(0.01);
    private BankFake bank;
    private AcquirerHost host;
    private IsoTestClient terminal;

    @BeforeEach
    void start() throws Exception {
        bank = BankFake.start(Path.of("fixtures", "bank"), clock);
        host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, (s, k, f) -> { }));
        terminal = new IsoTestClient(host.port(), host.packager());
    }

    @AfterEach
    void stop() throws Exception {
        terminal.close();
        host.close();
        bank.close();
    }

    private ISOMsg send(String mti, int... fields) throws Exception {
        ISOMsg m = new ISOMsg(mti);
        for (int f : fields) {
            m.set(f, switch (f) {
                case 3 -> "000000";
                case 4 -> "000000001234";
                case 11 -> "000123";
                case 41 -> "TERM0001";
                case 42 -> "MERCHANT0000001";
                default -> "1";
            });
        }
        return terminal.exchange(m);
    }

    @Test
    void aReplyMtiSentAsARequestIsAFormatError() throws Exception {
        ISOMsg r = send("0210", 3, 4, 11, 41);
        assertEquals("0210", r.getMTI());
        assertEquals("30", r.getString(39));
        assertEquals("000123", r.getString(11));
    }

    @Test
    void anUnknownFunctionDigitIsAFormatErrorWithAValidMti() throws Exception {
        ISOMsg r = send("0190", 11, 41);
        assertEquals("0190", r.getMTI(), "a response-class MTI answered as itself, never 01:0");
        assertEquals("30", r.getString(39));
    }

    @Test
    void aReversalWithoutItsOriginalIsAFormatError() throws Exception {
        ISOMsg r = send("0400", 3, 4, 41);
        assertEquals("0410", r.getMTI());
        assertEquals("30", r.getString(39));
        r = send("0400", 3, 4, 11, 41);
        assertEquals("0410", r.getMTI());
        assertEquals("30", r.getString(39), "DE90 (original data) is missing");
    }

    @Test
    void replyMtisFollowTheFunctionDigit() {
        assertEquals("0210", HostRequestCheck.replyMti("0200"));
        assertEquals("0410", HostRequestCheck.replyMti("0401"));
        assertEquals("0230", HostRequestCheck.replyMti("0220"));
        assertEquals("0210", HostRequestCheck.replyMti("0210"));
        assertEquals("0810", HostRequestCheck.replyMti("ab"));
    }
}
