package io.firstsettle.fault;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;
import io.firstsettle.ecr.concert.AnswerStatus;
import io.firstsettle.ecr.concert.ConcertAnswer;
import io.firstsettle.ecr.concert.ConcertLine;
import io.firstsettle.ecr.concert.ConcertLink;
import io.firstsettle.ecr.concert.ConcertRegister;
import io.firstsettle.ecr.concert.ConcertRegisterSettings;
import io.firstsettle.ecr.concert.ConcertRequest;
import io.firstsettle.ecr.concert.ConcertResult;
import io.firstsettle.ecr.concert.ConcertTerminalServices;
import io.firstsettle.ecr.concert.ConcertTerminalSession;
import io.firstsettle.ecr.concert.ConcertTimings;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Serial faults at named moments on a real kernel pty carrying Concert E+ (7E1): the emulated Concert terminal's
 * session on the master, the register on the jssc slave through a {@link SerialFaultPort} that follows the Concert
 * framing, as the lab wires an emulated Concert terminal. The fault files are the catalogue's own.
 */
class ConcertSerialFaultPtyTest {
    /** Short timers; the EOT wait (700 ms) longer than the peer's frame ACK wait (300 ms), as ConcertTimings asks. */
    static final ConcertTimings FAST = new ConcertTimings(Duration.ofMillis(300), 3, Duration.ofMillis(500),
            Duration.ofMillis(300), 2, Duration.ofMillis(200), Duration.ofMillis(700), Duration.ofSeconds(3),
            Duration.ofSeconds(3));
    static final Path FAULTS = Path.of("fixtures", "faults");

    PtyPair pair;
    ConcertTerminalSession terminal;
    SerialFaultPort line;
    ConcertLink ecr;
    final List<String> events = new CopyOnWriteArrayList<>();
    final AtomicInteger debits = new AtomicInteger();
    final List<Boolean> delivered = new CopyOnWriteArrayList<>();

    ConcertRegister wire() {
        EventSink sink = (source, kind, fields) -> events.add(source + " " + kind + " " + fields);
        pair = PtyPair.open();
        ConcertTerminalServices services = new ConcertTerminalServices() {
            @Override
            public ConcertAnswer debit(ConcertRequest request) {
                debits.incrementAndGet();
                return ConcertAnswer.of(request, AnswerStatus.SUCCESS, "476173******0010");
            }

            @Override
            public void delivered(ConcertRequest request, ConcertAnswer answer, boolean acknowledged) {
                delivered.add(acknowledged);
            }
        };
        terminal = new ConcertTerminalSession(new ConcertLink(pair.master(), FAST, ConcertLine.RS232_7E1.bit7(), sink,
                "terminal"), services, sink).start();
        line = new SerialFaultPort(JsscBytePort.open(pair.slavePath(), ConcertLine.RS232_7E1.settings()),
                LabClock.real(), sink, SerialFraming.CONCERT);
        ecr = new ConcertLink(line, FAST, ConcertLine.RS232_7E1.bit7(), sink, "ecr");
        return new ConcertRegister(ecr, LabClock.real(), ConcertRegisterSettings.defaults(), sink);
    }

    @AfterEach
    void stop() {
        if (terminal != null) {
            terminal.close();
        }
        if (ecr != null) {
            ecr.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    void awaitDelivered() {
        Waits.until(LabClock.real(), "the terminal to conclude its answer", Duration.ofSeconds(3),
                () -> delivered.isEmpty() ? Optional.empty() : Optional.of(true), events::toString);
    }

    @Test
    void theTerminalsLostAckOfTheSaleCommandMakesTheRegisterRepeatItAndTheSaleIsServedOnce() {
        ConcertRegister register = wire();
        line.apply(FaultFiles.load(FAULTS, "serial-sale-ack-lost"));
        ConcertResult r = org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> register.sale(1234),
                () -> "the register's sale failed; events: " + events);
        assertEquals(ConcertResult.Outcome.APPROVED, r.outcome(), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains("serial-fault-fired")
                && e.contains("swallowed an ACK to the register")), "the fault fired at the sale command");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("terminal concert-duplicate-dropped")),
                "the register repeated its frame and the terminal ACKed and dropped the repeat: " + events);
        awaitDelivered();
        assertEquals(1, debits.get(), "one sale served for one sale command sent twice");
        assertEquals(List.of(true), delivered);
    }

    @Test
    void aRegisterThatNeverAcksTheResultHandoverGetsNoAnswerAndTheTerminalKnowsItWasNotTaken() {
        ConcertRegister register = wire();
        line.apply(FaultFiles.load(FAULTS, "serial-result-handover-unacked"));
        ConcertResult r = register.sale(1234);
        assertEquals(ConcertResult.Outcome.NO_ANSWER, r.outcome(), events.toString());
        awaitDelivered();
        assertEquals(List.of(false), delivered, "the terminal must learn its answer never reached the register");
        assertEquals(1, debits.get());
        long lost = events.stream().filter(e -> e.contains("swallowed an ACK to the terminal")).count();
        assertEquals(FAST.enqTries(), lost, "each of the terminal's ENQs lost its ACK: " + events);
    }

    @Test
    void aCleanLineAfterTheFaultIsRemovedCarriesTheNextSaleUntouched() {
        ConcertRegister register = wire();
        line.apply(FaultFiles.load(FAULTS, "serial-garbled-sale-command"));
        assertEquals(ConcertResult.Outcome.APPROVED, register.sale(1234).outcome(), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("terminal concert-nak-sent")),
                "the garbled request was NAKed by the terminal: " + events);
        line.current().remove();
        assertEquals(ConcertResult.Outcome.APPROVED, register.sale(500).outcome());
        assertEquals(2, debits.get());
    }
}
