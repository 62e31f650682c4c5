package io.firstsettle.terminal.concert;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.concert.ConcertLine;
import io.firstsettle.ecr.concert.ConcertLink;
import io.firstsettle.ecr.concert.ConcertRegister;
import io.firstsettle.ecr.concert.ConcertRegisterSettings;
import io.firstsettle.ecr.concert.ConcertTerminalSession;
import io.firstsettle.ecr.concert.ConcertTimings;
import io.firstsettle.ecr.concert.ScriptedConcertServices;
import io.firstsettle.lab.Unreachable;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.NotSupported;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.RegisterBehaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Concert adapter of the {@link Register} port drives the emulated Concert terminal's session over a real kernel
 * pty, the register's end opened through jssc with 7E1 (protocols.md §B): outcomes in the port's words, the
 * operations E+ lacks as {@link NotSupported}, and a terminal that never answers ENQ as "never reached".
 */
class ConcertRegisterAdapterPtyTest {
    static final ConcertTimings FAST = new ConcertTimings(Duration.ofMillis(300), 3, Duration.ofMillis(500),
            Duration.ofMillis(300), 2, Duration.ofMillis(200), Duration.ofMillis(600), Duration.ofSeconds(5),
            Duration.ofSeconds(2));

    final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    PtyPair pair;
    ConcertTerminalSession session;
    ConcertRegisterAdapter register;

    EventSink sink() {
        return (source, kind, fields) -> {
            Map<String, Object> e = new LinkedHashMap<>(fields);
            e.put("source", source);
            e.put("kind", kind);
            events.add(e);
        };
    }

    void start(ScriptedConcertServices terminal) {
        pair = PtyPair.open();
        if (terminal != null) {
            ConcertLink pt = new ConcertLink(pair.master(), FAST, ConcertLine.RS232_7E1.bit7(), sink(), "terminal");
            session = new ConcertTerminalSession(pt, terminal, sink()).start();
        }
        ConcertLink ecr = new ConcertLink(JsscBytePort.open(pair.slavePath(), ConcertLine.RS232_7E1.settings()), FAST,
                ConcertLine.RS232_7E1.bit7(), sink(), "ecr");
        register = new ConcertRegisterAdapter(new ConcertRegister(ecr, LabClock.real(),
                ConcertRegisterSettings.defaults(), sink()), ecr, pair.slavePath(), sink());
    }

    @AfterEach
    void stop() {
        if (register != null) {
            register.close();
        }
        if (session != null) {
            session.close();
        }
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void aSaleIsApprovedOrDeclinedInThePortsWords() {
        start(new ScriptedConcertServices(r -> r.amountCents() == 666 ? ScriptedConcertServices.Decision.DECLINE
                : ScriptedConcertServices.Decision.APPROVE));
        Outcome ok = register.sale(1234);
        assertEquals(Outcome.Kind.APPROVED, ok.kind(), ok.toString());
        assertEquals(1234L, ok.amountMinor());
        assertEquals("0", ok.code().text(), "§B status 0: success");
        assertFalse(ok.code().carriesHostCodes(), "an E+ answer carries no host response code");
        assertNull(ok.trace());
        assertTrue(ok.reachedTerminal());

        Outcome no = register.sale(666);
        assertEquals(Outcome.Kind.DECLINED, no.kind(), no.toString());
        assertEquals("7", no.code().text(), "§B status 7: rejected");
    }

    @Test
    void operationsProtocolEPlusLacksAreNotSupported() {
        start(ScriptedConcertServices.approvingAll());
        assertEquals(java.util.Set.of(Capability.SALE, Capability.REFUND, Capability.RESULT_HANDOVER),
                register.capabilities());
        for (Runnable op : List.<Runnable>of(register::logOn, register::endOfDay, register::status,
                () -> register.behave(RegisterBehaviour.ABORTS_WHILE_WAITING_FOR_HOST),
                () -> register.reversal(register.sale(100)))) {
            NotSupported e = assertThrows(NotSupported.class, op::run);
            assertTrue(e.getMessage().contains("not supported by concert"), e.getMessage());
        }
        // the minimal emulated terminal answers a refund "not possible": status 7, declined
        Outcome refund = register.refund(500);
        assertEquals(Outcome.Kind.DECLINED, refund.kind(), refund.toString());
    }

    @Test
    void aTerminalThatNeverAnswersEnqWasNeverReachedAndIsALabFault() {
        start(null);
        Outcome o = register.sale(1234);
        assertEquals(Outcome.Kind.NO_ANSWER, o.kind());
        assertFalse(o.reachedTerminal(), o.toString());
        var typed = events.stream().map(io.firstsettle.core.event.EventKinds::read).toList();
        assertTrue(Unreachable.in(typed).isPresent(), "the lab's unreachable rule must see it: " + events);
        assertTrue(Unreachable.in(typed).get().getMessage().contains(pair.slavePath()));
    }
}
