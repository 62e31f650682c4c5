package io.firstsettle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.ecr.zvt.link.ZvtLinkException;
import io.firstsettle.core.Hex;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SerialFaultPort} on the register's end of a real kernel pty (jssc on the slave), a {@link SerialZvtLink} on
 * each end: the faults must make the real links NAK, repeat and give up exactly as [ZVT-TP] §3.2–3.5 say.
 */
class SerialFaultPortPtyTest {
    static final LinkTimings FAST = new LinkTimings(Duration.ofMillis(200), Duration.ofMillis(300), 2,
            Duration.ofSeconds(1), Duration.ofSeconds(2));
    static final Apdu SALE = new Apdu(0x06, 0x01, Hex.parse("04 00 00 00 00 12 34 49 09 78"));

    PtyPair pair;
    SerialFaultPort line;
    SerialZvtLink ecr;
    SerialZvtLink pt;
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        pair = PtyPair.open();
        EventSink sink = (source, kind, fields) -> events.add(source + "/" + kind);
        line = new SerialFaultPort(JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault()), LabClock.real(),
                sink);
        ecr = new SerialZvtLink(line, FAST, sink, "ecr");
        pt = new SerialZvtLink(pair.master(), FAST, sink, "terminal");
    }

    @AfterEach
    void close() {
        ecr.close();
        pt.close();
        pair.close();
    }

    @Test
    void aGarbledSaleIsNakedRepeatedAndDeliveredOnce() {
        line.apply(FaultProfile.serial("flip-sale", fault(SerialAction.FLIP, SerialPoint.SALE_COMMAND)));
        ecr.send(SALE);
        assertEquals(Optional.of(SALE), pt.receive(Duration.ofSeconds(2)));
        assertEquals(Optional.empty(), pt.receive(Duration.ofMillis(400)), "delivered once");
        assertTrue(events.contains("ecr/zvt-nak-received{}") || events.stream().anyMatch(
                e -> e.startsWith("ecr/zvt-nak-received")), "the terminal NAKed the bad CRC: " + events);
        assertTrue(events.stream().anyMatch(e -> e.startsWith("terminal/zvt-corrupt-frame")), events.toString());
    }

    @Test
    void aLostAckMakesTheRegisterRepeatAndTheTerminalDropsTheRepeat() {
        line.apply(FaultProfile.serial("ack-lost", fault(SerialAction.SWALLOW_ACK, SerialPoint.SALE_COMMAND)));
        ecr.send(SALE);
        assertEquals(Optional.of(SALE), pt.receive(Duration.ofSeconds(2)));
        assertEquals(Optional.empty(), pt.receive(Duration.ofMillis(400)));
        assertTrue(events.stream().anyMatch(e -> e.startsWith("ecr/zvt-t2-expired")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("terminal/zvt-duplicate-dropped")), events.toString());
    }

    @Test
    void aStallBeyondT1IsCutByTheReceiverAndRepeated() {
        line.apply(FaultProfile.serial("gap", new SerialFault(SerialAction.GAP, SerialPoint.STATUS_INFORMATION, null,
                null, null, null, null, 400, null)));
        Apdu status = new Apdu(0x04, 0x0F, Hex.parse("27 00"));
        pt.send(status);
        assertEquals(Optional.of(status), ecr.receive(Duration.ofSeconds(2)));
        assertTrue(events.stream().anyMatch(e -> e.startsWith("ecr/zvt-corrupt-frame")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("terminal/zvt-nak-received")), events.toString());
    }

    @Test
    void aCutLineMakesTheSenderGiveUpAndRestoredItCarriesAgain() {
        AppliedFault cut = line.apply(FaultProfile.serial("cut", new SerialFault(SerialAction.CUT, null, null, null,
                null, null, null, null, null)));
        ZvtLinkException e = assertThrows(ZvtLinkException.class, () -> ecr.send(SALE));
        assertTrue(e.getMessage().contains("after 3 tries"), e.getMessage());
        assertTrue(line.lineDisturbed());
        cut.remove();
        ecr.send(SALE);
        assertEquals(SALE, pt.receive(Duration.ofSeconds(2)).orElseThrow());
    }

    @Test
    void aBaudMismatchCarriesNothingAFrameCouldBeMadeOf() {
        line.apply(FaultProfile.serial("baud", fault(SerialAction.BAUD_MISMATCH, SerialPoint.APPLIED)));
        assertThrows(ZvtLinkException.class, () -> ecr.send(SALE));
        assertEquals(Optional.empty(), pt.receive(Duration.ofMillis(100)));
        assertTrue(events.stream().anyMatch(e -> e.startsWith("terminal/zvt-garbage")), events.toString());
    }

    static SerialFault fault(SerialAction a, SerialPoint p) {
        return new SerialFault(a, p, null, null, null, null, null, null, null);
    }

    @Test
    void serialProfilesLoadAndTheirErrorsNameFileLineAndField(@TempDir Path dir) throws Exception {
        Map<String, FaultProfile> all = FaultFiles.loadAll(Path.of("fixtures/faults"));
        long serial = all.values().stream().filter(p -> p.kind() == FaultKind.SERIAL).count();
        assertTrue(serial >= 8, "serial profiles in fixtures/faults: " + serial);
        for (SerialAction a : SerialAction.values()) {
            assertTrue(all.values().stream().anyMatch(p -> p.serial() != null && p.serial().action() == a),
                    "no fixture uses serial action " + a.wire());
        }
        Path f = dir.resolve("bad-drop.yaml");
        Files.writeString(f, "name: bad-drop\nkind: serial\nserial:\n  action: drop\n  point: print-lines\n");
        FaultFileException e = assertThrows(FaultFileException.class, () -> FaultFiles.load(f));
        assertTrue(e.getMessage().contains("bad-drop.yaml:3: ") && e.getMessage().contains("serial.nth"),
                e.getMessage());
        Path g = dir.resolve("typo.yaml");
        Files.writeString(g, "name: typo\nkind: serial\nserial:\n  action: cut\n  lastng: 5s\n");
        e = assertThrows(FaultFileException.class, () -> FaultFiles.load(g));
        assertTrue(e.getMessage().contains("typo.yaml:5: field 'serial.lastng' is not known"), e.getMessage());
        Path h = dir.resolve("point.yaml");
        Files.writeString(h, "name: point\nkind: serial\nserial: { action: cut, point: mid-air }\n");
        e = assertThrows(FaultFileException.class, () -> FaultFiles.load(h));
        assertTrue(e.getMessage().contains("point.yaml:3") && e.getMessage().contains("serial.point"), e.getMessage());
    }
}
