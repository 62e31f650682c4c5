package io.firstsettle.evidence;

import io.firstsettle.core.CardData;
import io.firstsettle.core.event.BankResponse;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.Generic;
import io.firstsettle.core.event.IsoMessage;
import io.firstsettle.core.event.RegisterOperation;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.VerdictRecorded;
import io.firstsettle.oracle.Diagnosis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evidence recorded before typed events (main at b99bfeb, a ZVT and a Concert catalogue scenario, kept under
 * src/test/resources/evidence/before-typed-events with the trace, receipts, timeline and diagnosis main rendered from
 * them) still reads, and the reports rendered from the typed events are the same, byte for byte.
 */
class OldEvidenceTest {
    private static final Path ROOT = Path.of("src/test/resources/evidence/before-typed-events");

    @ParameterizedTest
    @ValueSource(strings = {"power-loss-while-the-first-sale-waits-for-the-host-reversed--L6",
            "power-loss-mid-sale-then-the-cashier-takes-the-payment-again-L18"})
    void oldEvidenceReadsTypedAndRendersAsBefore(String scenario) throws IOException {
        Path dir = ROOT.resolve(scenario);
        EventLog log = EventLog.read(dir);
        assertFalse(log.truncated());
        assertEquals(Files.readAllLines(dir.resolve("events.jsonl")).size(), log.events().size());
        for (int i = 1; i < log.events().size(); i++) {
            assertTrue(log.events().get(i - 1).seq() < log.events().get(i).seq());
        }
        assertTrue(log.events().stream().allMatch(e -> e.labTime() != null));
        // the kinds the oracle and the reports interpret come back typed, the rest generic
        assertFalse(log.all(IsoMessage.class).isEmpty());
        assertFalse(log.all(SerialFrame.class).isEmpty());
        assertFalse(log.all(BankResponse.class).isEmpty());
        assertTrue(log.all(RegisterOperation.class).stream().anyMatch(o -> "SALE".equals(o.operation())));
        assertEquals(1, log.all(VerdictRecorded.class).size());
        assertTrue(log.events().stream().filter(e -> e.is("host", "started")).allMatch(e -> e.isA(Generic.class)));
        assertTrue(log.events().stream().map(EvidenceEvent::payload).allMatch(p -> p != null));

        assertEquals(read(dir, "trace.txt"), CardData.maskText(TraceReport.render(log)));
        assertEquals(read(dir, "receipts.txt"), CardData.maskText(ReceiptReport.render(log)));
        assertEquals(read(dir, "timeline.svg"), CardData.maskText(TimelineSvg.render(log, scenario)));
        assertEquals(read(dir, "diagnosis.txt"), Diagnosis.of(log).render());
    }

    private static String read(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }
}
