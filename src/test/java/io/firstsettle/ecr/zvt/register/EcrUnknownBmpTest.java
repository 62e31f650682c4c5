package io.firstsettle.ecr.zvt.register;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.message.StatusInformation;
import io.firstsettle.ecr.zvt.message.ZvtMessages;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.EventSink;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A terminal that sends a BMP outside the spec tables (7E here) in its Status Information: the ECR fails naming the
 * BMP and its offset by default, and keeps the rest raw when the terminal profile tolerates unknown BMPs. Over a real
 * pty, as {@link EcrClientPtyTest}.
 */
class EcrUnknownBmpTest {
    /** 04 0F: 27 00 | 04 000000001234 | 7E 01 02 | 0B 000123 -> the unknown 7E sits at APDU byte 12. */
    static final Apdu STATUS_WITH_7E = new Apdu(0x04, 0x0F,
            HexFormat.of().parseHex("2700" + "04000000001234" + "7E0102" + "0B000123"));

    PtyPair pair;
    SerialZvtLink ptLink;
    SerialZvtLink ecrLink;
    final List<String> events = new ArrayList<>();
    final EventSink sink = (source, kind, fields) -> {
        synchronized (events) {
            events.add(source + "/" + kind + " " + fields);
        }
    };

    @BeforeEach
    void open() {
        pair = PtyPair.open();
        ptLink = new SerialZvtLink(pair.master(), EcrClientPtyTest.TIMINGS, EventSink.NONE, "terminal");
        ecrLink = new SerialZvtLink(JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault()),
                EcrClientPtyTest.TIMINGS, EventSink.NONE, "ecr");
    }

    @AfterEach
    void close() {
        ecrLink.close();
        ptLink.close();
        pair.close();
    }

    @Test
    void decodingNamesTheUnknownBmpAndItsOffsetOrKeepsTheRestRaw() {
        ZvtFormatException e = assertThrows(ZvtFormatException.class, () -> ZvtMessages.decode(STATUS_WITH_7E));
        assertEquals(12, e.offset());
        assertTrue(e.getMessage().contains("unknown BMP 7E"), e.getMessage());
        StatusInformation si = (StatusInformation) ZvtMessages.decode(STATUS_WITH_7E, true);
        assertEquals(Optional.of(0), si.resultCode());
        assertEquals(Optional.of(1234L), si.amountMinor());
        BmpField raw = si.fields().get(2);
        assertEquals(BmpField.RAW_REST, raw.tag());
        assertArrayEquals(HexFormat.of().parseHex("7E0102" + "0B000123"), raw.value());
        assertEquals(STATUS_WITH_7E, si.toApdu(), "kept byte-exact");
    }

    @Test
    void byDefaultTheEcrStopsNamingTheBmpAndOffsetAndAnswers849A() throws Exception {
        EcrClient ecr = new EcrClient(ecrLink, Duration.ofSeconds(1), Duration.ofSeconds(2), sink);
        CompletableFuture<Optional<Apdu>> terminal = CompletableFuture.supplyAsync(() -> {
            assertTrue(ptLink.receive(Duration.ofSeconds(2)).isPresent(), "the terminal got no command");
            ptLink.send(Apdu.POSITIVE_ACK);
            ptLink.send(STATUS_WITH_7E);
            return ptLink.receive(Duration.ofSeconds(1));
        });
        EcrTranscript t = ecr.authorize(new Authorization(1234, 978));
        assertFalse(t.success(), t.toString());
        assertNotNull(t.problem());
        assertTrue(t.problem().contains("at byte 12: unknown BMP 7E"), t.problem());
        assertEquals(Optional.of(Apdu.negativeAck(0x9A)), terminal.get(3, TimeUnit.SECONDS));
    }

    @Test
    void withTheProfileFlagTheEcrKeepsTheRestRawAndFinishes() throws Exception {
        EcrClient ecr = new EcrClient(ecrLink, Duration.ofSeconds(1), Duration.ofSeconds(2), sink)
                .tolerateUnknownBmps(true);
        CompletableFuture<Void> terminal = CompletableFuture.runAsync(() -> {
            assertTrue(ptLink.receive(Duration.ofSeconds(2)).isPresent(), "the terminal got no command");
            ptLink.send(Apdu.POSITIVE_ACK);
            EcrClientPtyTest.sendAndExpectAck(ptLink, STATUS_WITH_7E);
            EcrClientPtyTest.sendAndExpectAck(ptLink, new Apdu(0x06, 0x0F, new byte[0]));
        });
        EcrTranscript t = ecr.authorize(new Authorization(1234, 978));
        terminal.get(3, TimeUnit.SECONDS);
        assertTrue(t.success(), t.toString());
        assertEquals(Optional.of(1234L), t.status().amountMinor());
        assertEquals(BmpField.RAW_REST, t.status().fields().get(2).tag());
        synchronized (events) {
            assertTrue(events.stream().anyMatch(x -> x.startsWith("ecr/unknown-bmps-kept") && x.contains("rawBytes=7")),
                    events.toString());
        }
    }
}
