package io.firstsettle.terminal.zvt;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.Hex;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ZVT adapter of the {@link io.firstsettle.terminal.Register} port over a real kernel pty (jssc on the register's
 * end), against a scripted terminal on the pty master that sends APDUs written here byte by byte from [ZVT-SPEC]
 * (protocols.md A.5-A.8): the outcome's fields must come from those bytes.
 */
class ZvtRegisterPtyTest {
    static final LinkTimings TIMINGS = new LinkTimings(Duration.ofMillis(200), Duration.ofMillis(400), 2,
            Duration.ofSeconds(1), Duration.ofMillis(1500));
    static final Apdu ACK = Apdu.POSITIVE_ACK;
    /** 04 0F: result 27, amount 04 (12.34), trace 0B (42), TID 29 (29110001), receipt 87 (7). */
    static final String STATUS_INFO = "04 0F 15 27 %s 04 00 00 00 00 12 34 0B 00 00 42 29 29 11 00 01 87 00 07";

    PtyPair pair;
    SerialZvtLink ptLink;
    SerialZvtLink ecrLink;
    ZvtRegister register;

    @BeforeEach
    void open() {
        pair = PtyPair.open();
        ptLink = new SerialZvtLink(pair.master(), TIMINGS, EventSink.NONE, "terminal");
        ecrLink = new SerialZvtLink(JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault()), TIMINGS,
                EventSink.NONE, "ecr");
        TerminalProfile p = TerminalProfile.load(Path.of("fixtures/terminals/emulated-zvt.yaml"));
        register = new ZvtRegister(new EcrClient(ecrLink, TIMINGS.t3(), TIMINGS.t4(), LabClock.real(), EventSink.NONE),
                ecrLink, p);
    }

    @AfterEach
    void close() {
        register.close();
        ptLink.close();
        pair.close();
    }

    static Apdu apdu(String hex) {
        return Apdu.decode(Hex.parse(hex.replace(" ", "")));
    }

    /** The terminal: takes the command, ACKs it, sends each APDU and waits for the register's ACK of it. */
    CompletableFuture<String> terminal(String... apdus) {
        return CompletableFuture.supplyAsync(() -> {
            Optional<Apdu> cmd = ptLink.receive(Duration.ofSeconds(3));
            assertTrue(cmd.isPresent(), "the terminal got no command");
            ptLink.send(ACK);
            for (String a : apdus) {
                ptLink.send(apdu(a));
                assertEquals(Optional.of(ACK), ptLink.receive(Duration.ofSeconds(2)), "the register's ACK of " + a);
            }
            return cmd.get().toString();
        });
    }

    @Test
    void anApprovedSaleReadsAmountTraceTidReceiptAndLinesFromTheBytes() throws Exception {
        // 06 D1: attribute 00, "HELLO"; then 04 0F result 00; then Completion 06 0F 00
        CompletableFuture<String> pt = terminal("06 D1 06 00 48 45 4C 4C 4F", String.format(STATUS_INFO, "00"),
                "06 0F 00");
        Outcome o = register.sale(1234);
        assertTrue(pt.get(5, TimeUnit.SECONDS).contains("06 01"), "the sale went out as Authorization 06 01");
        assertEquals(Outcome.Kind.APPROVED, o.kind(), o.toString());
        assertEquals("00", o.code().text());
        assertEquals(1234L, o.amountMinor());
        assertEquals(42, o.trace());
        assertEquals(7, o.receiptNumber());
        assertEquals("29110001", o.terminalId());
        assertEquals(List.of("HELLO"), o.receipt());
        assertTrue(o.reachedTerminal());
    }

    @Test
    void aHostDeclineCarriesTheHostCode() throws Exception {
        // result 0x33 is DE39 "51" as the binary of its decimal value ([ZVT-SPEC] ch.10); the sequence ends 06 1E 33
        CompletableFuture<String> pt = terminal(String.format(STATUS_INFO, "33"), "06 1E 01 33");
        Outcome o = register.sale(1234);
        pt.get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.Kind.DECLINED, o.kind(), o.toString());
        assertEquals("33", o.code().text());
        assertEquals("51", o.code().hostCode());
        assertTrue(o.code().carriesHostCodes());
        assertTrue(o.reason().contains("51"), o.reason());
    }

    @Test
    void anAbortByTheTerminalIsAborted() throws Exception {
        CompletableFuture<String> pt = terminal("06 1E 01 6C");
        Outcome o = register.sale(1234);
        pt.get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.Kind.ABORTED, o.kind(), o.toString());
        assertNull(o.code().hostCode(), "6C is a ZVT code, not a host code");
    }

    @Test
    void aTerminalThatNeverAnswersWasNeverReached() {
        ptLink.close(); // nobody reads the master: no ACK ever comes
        Outcome o = register.logOn();
        assertEquals(Outcome.Kind.NO_ANSWER, o.kind());
        assertFalse(o.reachedTerminal(), "no ACK on a line that never heard the terminal: " + o);
        assertTrue(register.supports(Capability.END_OF_DAY) && register.supports(Capability.HOST_CODES));
    }
}
