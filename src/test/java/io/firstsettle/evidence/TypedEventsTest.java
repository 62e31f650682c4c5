package io.firstsettle.evidence;

import io.firstsettle.core.LabClock;
import io.firstsettle.core.event.AbortPressed;
import io.firstsettle.core.event.BankRequest;
import io.firstsettle.core.event.BankResponse;
import io.firstsettle.core.event.CreditHold;
import io.firstsettle.core.event.EcrCommand;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.FaultApplied;
import io.firstsettle.core.event.Generic;
import io.firstsettle.core.event.IsoLinkError;
import io.firstsettle.core.event.IsoMessage;
import io.firstsettle.core.event.KeyedAmount;
import io.firstsettle.core.event.LinkFaultFired;
import io.firstsettle.core.event.LogOnSetup;
import io.firstsettle.core.event.PrintedOwnPaper;
import io.firstsettle.core.event.Reconcile;
import io.firstsettle.core.event.RegisterMisconfigured;
import io.firstsettle.core.event.RegisterOperation;
import io.firstsettle.core.event.RegisterOutcome;
import io.firstsettle.core.event.RigReady;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.UnreachableTerminal;
import io.firstsettle.core.event.VerdictRecorded;
import io.firstsettle.core.event.WrongPaymentMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed evidence model read from events.jsonl lines written here by hand (the shape the recorder wrote before
 * typed events existed: field names from the writers and from recorded runs), written and read back through a real
 * recorder, and the errors a broken line gives.
 */
class TypedEventsTest {
    private static final Path FILE = Path.of("evidence", "x", "events.jsonl");

    private static EvidenceEvent one(String line) {
        List<EvidenceEvent> ev = EventLog.parse(FILE, List.of(line)).events();
        assertEquals(1, ev.size());
        return ev.get(0);
    }

    private static String line(int seq, String source, String kind, String rest) {
        return "{\"seq\":" + seq + ",\"labTime\":\"2026-11-30T00:59:41.260017801Z\",\"source\":\"" + source
                + "\",\"kind\":\"" + kind + "\"" + (rest.isEmpty() ? "" : "," + rest) + "}";
    }

    @Test
    void theEnvelopeIsRead() {
        EvidenceEvent e = one(line(15, "lab", "host-started", "\"port\":45613"));
        assertEquals(15, e.seq());
        assertEquals(Instant.parse("2026-11-30T00:59:41.260017801Z"), e.labTime());
        assertEquals("lab", e.source());
        assertEquals("host-started", e.kind());
        assertEquals(Map.of("port", 45613), e.details());
    }

    @Test
    void isoMessagesInBothShapes() {
        IsoMessage host = (IsoMessage) one(line(17, "host", "iso-out", "\"mti\":\"0210\",\"fields\":{\"11\":\"000002\","
                + "\"39\":\"96\",\"41\":\"29110101\",\"4\":\"000000001234\",\"37\":\"B00000000001\"},"
                + "\"header\":\"6000000000\"")).payload();
        assertFalse(host.inbound());
        assertEquals("0210", host.mti());
        assertEquals("000002", host.stan());
        assertEquals("96", host.responseCode());
        assertEquals("29110101", host.terminalId());
        assertEquals("B00000000001", host.rrn());
        assertEquals(1234L, host.amountMinor());
        assertEquals("6000000000", host.header());

        IsoMessage terminal = (IsoMessage) one(line(15, "terminal", "iso-in", "\"mti\":\"0200\",\"DE2\":"
                + "\"476173******0010\",\"DE11\":\"000002\",\"DE4\":\"000000001234\"")).payload();
        assertTrue(terminal.inbound());
        assertEquals("476173******0010", terminal.maskedPan());
        assertEquals(new TreeMap<>(Map.of(2, "476173******0010", 4, "000000001234", 11, "000002")),
                terminal.isoFields());
        assertNull(terminal.header());
        assertNull(terminal.responseCode());
    }

    @Test
    void serialFramesOfBothProtocols() {
        SerialFrame out = (SerialFrame) one(line(9, "ecr", "zvt-out",
                "\"attempt\":2,\"bytes\":\"10 02 06 00 06 00 00 00 "
                + "BA 09 78 10 03 D0 D8\",\"apdu\":\"Apdu[Registration: 06 00 06 00 00 00 BA 09 78]\"")).payload();
        assertTrue(out.outbound() && out.isZvt());
        assertEquals("Registration", out.command());
        assertEquals(2, out.attempt());
        assertEquals("10 02 06 00 06 00 00 00 BA 09 78 10 03 D0 D8", out.hex());
        SerialFrame ack = (SerialFrame) one(line(13, "ecr", "zvt-in", "\"bytes\":\"80 00 00\","
                + "\"apdu\":\"Apdu[Positive ack: 80 00 00]\"")).payload();
        assertTrue(ack.ack() && !ack.outbound());
        assertNull(ack.attempt());
        SerialFrame concert = (SerialFrame) one(line(33, "terminal", "concert-out", "\"payload\":\"017000********"
                + "6173******0010\",\"lrc\":\"17\",\"attempt\":1")).payload();
        assertEquals("concert", concert.protocol());
        assertEquals("17", concert.lrc());
        assertEquals("concert-out", concert.kind());
    }

    @Test
    void registerBankFaultVerdictAndOperatorKinds() {
        assertEquals(new EcrCommand("Authorization", null),
                one(line(8, "ecr", "command", "\"command\":\"Authorization\"")).payload());
        assertEquals(new RegisterOperation("SALE", "concert", 1234L), one(line(10, "register", "operation",
                "\"operation\":\"SALE\",\"protocol\":\"concert\",\"amountMinor\":1234")).payload());
        assertEquals(new RegisterOutcome("SALE", "DECLINED", true, "7"), one(line(35, "register", "outcome",
                "\"kindField\":\"DECLINED\",\"code\":\"7\",\"reachedTerminal\":true,\"operation\":\"SALE\"")).payload());
        BankRequest req = (BankRequest) one(line(22, "host", "bank-request", "\"path\":\"/bank/v1/authorizations\","
                + "\"body\":\"{\\\"stan\\\":\\\"000002\\\",\\\"amountMinor\\\":1234}\"")).payload();
        assertEquals("/bank/v1/authorizations", req.path());
        assertEquals("000002", req.stan().orElseThrow());
        assertTrue(req.batchNo().isEmpty());
        assertEquals(new BankResponse("/bank/v1/authorizations", "ERROR", 0, "I/O error"), one(line(24, "host",
                "bank-response", "\"path\":\"/bank/v1/authorizations\",\"kindField\":\"ERROR\",\"status\":0,"
                        + "\"detail\":\"I/O error\"")).payload());
        assertEquals(new CreditHold(false, "B00000000001", "FS0000000000101", "29110101", "value date 2026-11-28 (D1)",
                "settlement-calendar-D1"), one(line(41, "fault", "credit-held", "\"merchantId\":\"FS0000000000101\","
                + "\"reason\":\"value date 2026-11-28 (D1)\",\"terminalId\":\"29110101\",\"rrn\":\"B00000000001\","
                + "\"fault\":\"settlement-calendar-D1\"")).payload());
        assertTrue(((CreditHold) one(line(48, "fault", "credit-hold-released",
                "\"rrn\":\"B1\"")).payload()).released());
        assertEquals(new FaultApplied("bank-outage-reset", "bank-outage-reset-1", "bank-outage", "authorization",
                "29110101"), one(line(8, "fault", "applied", "\"fault\":\"bank-outage-reset\",\"id\":"
                + "\"bank-outage-reset-1\",\"kindField\":\"bank-outage\",\"stage\":\"authorization\",\"terminalId\":"
                + "\"29110101\",\"windowEnd\":\"until removed\"")).payload());
        assertEquals(new LinkFaultFired("link-hold-sale-answer", "delay", "response-received", "0200", 600000L, 2),
                one(line(25, "fault", "link-fault-fired",
                        "\"delayLabMillis\":600000,\"fault\":\"link-hold-sale-answer\","
                        + "\"action\":\"delay\",\"point\":\"response-received\",\"mti\":\"0200\",\"connection\":2"))
                        .payload());
        assertEquals(new VerdictRecorded("LOST", "approved at the host, never reported", List.of("ECR: x", "host: y")),
                one(line(36, "oracle", "verdict", "\"verdict\":\"LOST\",\"summary\":\"approved at the host, never "
                        + "reported\",\"because\":[\"ECR: x\",\"host: y\"]")).payload());
        assertEquals(new UnreachableTerminal("/dev/pts/1", 3, 500L, "Registration", "terminal unreachable", null),
                one(line(20, "ecr", "terminal-unreachable", "\"port\":\"/dev/pts/1\",\"tries\":3,\"t2Millis\":500,"
                        + "\"command\":\"Registration\",\"why\":\"terminal unreachable\"")).payload());
        assertEquals(new KeyedAmount(1234, 12340), one(line(8, "operator", "keyed-amount",
                "\"pricedMinor\":1234,\"keyedMinor\":12340")).payload());
        assertEquals(new WrongPaymentMethod("Refund 06 31", "Authorization 06 01", 1234L), one(line(9, "operator",
                "wrong-payment-method", "\"amountMinor\":1234,\"meant\":\"Authorization 06 01\","
                        + "\"chosen\":\"Refund 06 31\"")).payload());
        assertEquals(new AbortPressed("while the terminal waits for the host"), one(line(18, "operator",
                "abort-pressed", "\"when\":\"while the terminal waits for the host\"")).payload());
        assertEquals(new RegisterMisconfigured("IGNORES_PRINT_LINES", "no driver"), one(line(19, "operator",
                "register-setup", "\"behaviour\":\"IGNORES_PRINT_LINES\",\"why\":\"no driver\"")).payload());
        assertTrue(((LogOnSetup) one(line(7, "lab", "register-setup", "\"logOn\":\"not needed\","
                + "\"protocol\":\"concert\"")).payload()).notNeeded());
        assertEquals(new RigReady("/dev/pts/0", "29110101", "concert", "[]", 0.05), one(line(6, "lab", "rig-ready",
                "\"tid\":\"29110101\",\"protocol\":\"concert\",\"line\":\"/dev/pts/0\",\"defects\":\"[]\","
                        + "\"scale\":0.05")).payload());
        assertEquals(List.of("FIRSTSETTLE EMULATED PT", "SALE 12.34 EUR"), ((PrintedOwnPaper) one(line(28, "terminal",
                "printed-own-paper", "\"lines\":\"FIRSTSETTLE EMULATED PT | SALE 12.34 EUR\"")).payload()).lines());
        assertTrue(((IsoLinkError) one(line(64, "terminal", "iso-link-error", "\"error\":\"java.net.ConnectException: "
                + "Connection refused\",\"host\":\"127.0.0.1:38793\"")).payload()).refused());
        assertEquals(new Reconcile("29110101", 1L, 1L, 1234L, 1L, 1234L, true), one(line(39, "host", "reconcile",
                "\"terminalTotalMinor\":1234,\"tid\":\"29110101\",\"batch\":1,\"hostCount\":1,\"hostTotalMinor\":1234,"
                        + "\"balanced\":true,\"terminalCount\":1")).payload());
    }

    @Test
    void anUnknownKindStaysReadableAsGeneric() {
        EvidenceEvent e = one(line(5, "terminal", "a-kind-from-a-newer-harness", "\"why\":\"because\",\"n\":[1,2]"));
        Generic g = assertInstanceOf(Generic.class, e.payload());
        assertEquals("a-kind-from-a-newer-harness", g.kind());
        assertEquals(Map.of("why", "because", "n", List.of(1, 2)), g.fields());
        assertEquals("because", e.explanation().orElseThrow());
        // the same kind from another source is not the typed one: operator / keyed-amount is, lab / keyed-amount not
        assertInstanceOf(Generic.class, one(line(6, "lab", "keyed-amount", "\"x\":1")).payload());
    }

    @Test
    void aBrokenLineNamesFileLineAndWhatIsWrong() {
        String ok = line(1, "lab", "host-started", "\"port\":1");
        IllegalStateException notJson = assertThrows(IllegalStateException.class,
                () -> EventLog.parse(FILE, List.of(ok, "{\"seq\":2,\"source\":", ok)));
        assertTrue(notJson.getMessage().startsWith(FILE + ":2: not a JSON event"), notJson.getMessage());

        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> EventLog.parse(FILE,
                List.of(ok, ok, line(3, "register", "operation", "\"protocol\":\"zvt\""))));
        assertTrue(missing.getMessage().startsWith(FILE + ":3: a \"register / operation\" event needs the field "
                + "\"operation\""), missing.getMessage());

        IllegalStateException wrongType = assertThrows(IllegalStateException.class, () -> EventLog.parse(FILE,
                List.of(line(1, "host", "bank-response", "\"path\":\"/p\",\"status\":\"teapot\""))));
        assertTrue(wrongType.getMessage().contains(FILE + ":1: the field \"status\" of a \"host / bank-response\" "
                + "event must be a whole number, not \"teapot\""), wrongType.getMessage());

        IllegalStateException badSeq = assertThrows(IllegalStateException.class, () -> EventLog.parse(FILE,
                List.of("{\"seq\":\"one\",\"source\":\"lab\",\"kind\":\"x\"}")));
        assertTrue(badSeq.getMessage().contains(":1: the event's \"seq\" must be a whole number"), badSeq.getMessage());

        IllegalStateException badTime = assertThrows(IllegalStateException.class, () -> EventLog.parse(FILE,
                List.of("{\"seq\":1,\"labTime\":\"yesterday\",\"source\":\"lab\",\"kind\":\"x\"}")));
        assertTrue(badTime.getMessage().contains("\"labTime\" must be an ISO-8601 instant"), badTime.getMessage());

        IllegalStateException noSource = assertThrows(IllegalStateException.class, () -> EventLog.parse(FILE,
                List.of("{\"seq\":1,\"kind\":\"x\"}")));
        assertTrue(noSource.getMessage().contains("needs the field \"source\""), noSource.getMessage());

        // a cut-off last line (a killed run) is still skipped, not an error
        EventLog cut = EventLog.parse(FILE, List.of(ok, "{\"seq\":2,\"sou"));
        assertEquals(1, cut.events().size());
        assertTrue(cut.truncated());
    }

    /** Every typed payload written through a real recorder reads back equal, from the file and from memory. */
    @Test
    void writtenThroughTheRecorderAndReadBack(@TempDir Path dir) {
        List<Object[]> written = new ArrayList<>();
        written.add(new Object[]{"host", new IsoMessage(false, "0210", new TreeMap<>(Map.of(11, "000002", 39, "00",
                2, "476173******0010")), "6000000000")});
        written.add(new Object[]{"ecr", SerialFrame.zvt(true, "10 02 80 00 00 10 03 F5 1F",
                "Apdu[Positive ack: 80 00 00]", 1)});
        written.add(new Object[]{"ecr", new SerialFrame("concert", false, null, null, "010000******0978", null, null)});
        written.add(new Object[]{"ecr", new EcrCommand("End-of-Day", "Apdu[End-of-Day: 06 50 03 00 00 00]")});
        written.add(new Object[]{"register", new RegisterOperation("REFUND", "zvt", 500L)});
        written.add(new Object[]{"register", new RegisterOperation("LOGON", "zvt", null)});
        written.add(new Object[]{"register", new RegisterOutcome("SALE", "APPROVED", true, "00")});
        written.add(new Object[]{"host", new BankRequest("/bank/v1/settlements", "{\"batchNo\":\"000001\"}")});
        written.add(new Object[]{"host", new BankResponse("/bank/v1/settlements", "ACCEPTED", 200, null)});
        written.add(new Object[]{"fault", new CreditHold(true, "B1", "M1", null, "value date", "calendar")});
        written.add(new Object[]{"fault", new FaultApplied("host-maintenance", "hm-1", "host-maintenance", null,
                "T1")});
        written.add(new Object[]{"fault", new LinkFaultFired("drop-answer", "drop", "response-received", "0210",
                null, 1)});
        written.add(new Object[]{"oracle", new VerdictRecorded("SETTLED", "settled", List.of("a", "b"))});
        written.add(new Object[]{"ecr", new UnreachableTerminal("/dev/pts/9", 3, 300L, "SALE", null, "concert")});
        written.add(new Object[]{"operator", new KeyedAmount(1234, 12340)});
        written.add(new Object[]{"operator", new WrongPaymentMethod("Refund 06 31", "Authorization 06 01", 1234L)});
        written.add(new Object[]{"operator", new AbortPressed("now")});
        written.add(new Object[]{"operator", new RegisterMisconfigured("IGNORES_PRINT_LINES", "no driver")});
        written.add(new Object[]{"lab", new LogOnSetup("not needed", "concert")});
        written.add(new Object[]{"lab", new RigReady("/dev/pts/0", "29110101", "zvt", "[]", 0.05)});
        written.add(new Object[]{"terminal", new PrintedOwnPaper(List.of("CUSTOMER COPY", "SALE 12.34 EUR"))});
        written.add(new Object[]{"terminal", new IsoLinkError("java.io.EOFException", "127.0.0.1:1")});
        written.add(new Object[]{"host", new Reconcile("T1", 1L, 1L, 1234L, 1L, 1234L, false)});
        written.add(new Object[]{"lab", new Generic("bank-started", Map.of("url", "http://127.0.0.1:1/"))});

        LabClock clock = LabClock.scaled(0.05, Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
        EventLog live;
        try (EvidenceRecorder rec = new EvidenceRecorder(dir, clock)) {
            for (Object[] w : written) {
                rec.record((String) w[0], (EvidenceEvent.Payload) w[1]);
            }
            live = rec.log();
        }
        EventLog file = EventLog.read(dir);
        assertEquals(written.size(), file.events().size());
        for (int i = 0; i < written.size(); i++) {
            EvidenceEvent e = file.events().get(i);
            assertEquals(i + 1, e.seq());
            assertEquals(written.get(i)[0], e.source());
            assertEquals(written.get(i)[1], e.payload(), "event " + (i + 1) + " from the file");
            assertEquals(written.get(i)[1], live.events().get(i).payload(), "event " + (i + 1) + " from memory");
        }
        assertTrue(file.events().get(0).labTime() != null);
    }

    /** Card data written in clear into a typed event's nested values (DE2,
            a verdict's lines) reaches the file masked. */
    @Test
    void cardDataInNestedValuesIsMaskedFirstSixLastFour(@TempDir Path dir) throws java.io.IOException {
        String pan = "4761739001010010";
        assertTrue(io.firstsettle.core.CardData.luhn(pan));
        LabClock clock = LabClock.scaled(0.05, Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
        try (EvidenceRecorder rec = new EvidenceRecorder(dir, clock)) {
            rec.record("host", new IsoMessage(true, "0200", new TreeMap<>(Map.of(2, pan, 35, pan + "=25122011000")),
                    null));
            rec.record("oracle", new VerdictRecorded("LOST", "card " + pan, List.of("ECR: card " + pan)));
        }
        String file = java.nio.file.Files.readString(dir.resolve("events.jsonl"));
        assertFalse(file.contains(pan), file);
        assertFalse(file.contains("25122011000"), file);
        List<EvidenceEvent> ev = EventLog.read(dir).events();
        assertEquals("476173******0010", ((IsoMessage) ev.get(0).payload()).maskedPan());
        assertEquals(List.of("ECR: card 476173******0010"), ((VerdictRecorded) ev.get(1).payload()).because());
    }
}
