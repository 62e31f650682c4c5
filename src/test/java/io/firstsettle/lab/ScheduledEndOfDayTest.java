package io.firstsettle.lab;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.NotSupported;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.RegisterBehaviour;
import io.firstsettle.terminal.TerminalStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A physical Concert terminal's end-of-day by its own schedule (concert.telecollecte): the harness waits from the
 * scheduled time for the host's settlement answer to that terminal, and calls the lab at fault, naming the profile
 * field, when none comes. The host's evidence is played here as the host records it (source host, iso-out, fields).
 */
class ScheduledEndOfDayTest {
    static final String TID = "29110101";
    /** Lab time starts at 09:59:00; 1 lab minute takes 60 ms. */
    final LabClock clock = LabClock.scaled(0.001, Instant.parse("2026-11-30T09:59:00Z"), ZoneOffset.UTC);
    final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    final EventSink sink = (source, kind, fields) -> {
        Map<String, Object> e = new java.util.LinkedHashMap<>(fields);
        e.put("source", source);
        e.put("kind", kind);
        events.add(e);
    };

    /** A Concert register: no end-of-day request of its own. */
    static final Register E_PLUS = new Register() {
        public String protocol() {
            return "concert";
        }

        public Set<Capability> capabilities() {
            return Set.of(Capability.SALE);
        }

        public Outcome logOn() {
            throw notSupported(Capability.LOGON, "E+");
        }

        public Outcome sale(long amountMinor) {
            throw new AssertionError("not in this test");
        }

        public Outcome refund(long amountMinor) {
            throw notSupported(Capability.REFUND, "E+");
        }

        public Outcome reversal(Outcome original) {
            throw notSupported(Capability.REVERSAL, "E+");
        }

        public Outcome endOfDay() {
            throw notSupported(Capability.END_OF_DAY, "E+");
        }

        public TerminalStatus status() {
            throw notSupported(Capability.STATUS, "E+");
        }

        public void behave(RegisterBehaviour b) {
        }

        public void close() {
        }
    };

    ScheduledEndOfDay at(String hhmm) {
        return new ScheduledEndOfDay(E_PLUS, TID, Optional.ofNullable(hhmm).map(LocalTime::parse), 15, clock,
                () -> events.stream().map(io.firstsettle.core.event.EventKinds::read).toList(), sink);
    }

    /** The harness records that it waits after it counted the settlements so far: wait (bounded) for that. */
    void awaitWaiting() {
        io.firstsettle.core.Waits.until(LabClock.real(), "the harness to start waiting for the télécollecte",
                java.time.Duration.ofSeconds(5), () -> events.stream().filter(e -> "telecollecte-awaited".equals(
                        e.get("kind"))).findFirst(), events::toString);
    }

    void hostSettles(String tid, String de39) {
        sink.record("host", "iso-out", Map.of("mti", "0510", "fields", Map.of("41", tid, "39", de39)));
    }

    @Test
    void theDayClosesWhenTheTerminalsScheduledSettlementReachesTheHost() throws Exception {
        hostSettles(TID, "95"); // yesterday's, before the wait: not this day's
        ScheduledEndOfDay eod = at("10:00");
        assertTrue(eod.capabilities().contains(Capability.END_OF_DAY));
        CompletableFuture<Outcome> closing = CompletableFuture.supplyAsync(eod::endOfDay);
        awaitWaiting();
        clock.pause(java.time.Duration.ofSeconds(70)); // past 10:00 on the lab clock
        assertFalse(closing.isDone(), "the harness waits for the terminal, it does not close the day itself");
        hostSettles("29119999", "00"); // another terminal's settlement
        hostSettles(TID, "00");
        Outcome o = closing.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(Outcome.Kind.APPROVED, o.kind(), o.toString());
    }

    @Test
    void aRefusedSettlementLeavesTheBatchOpen() throws Exception {
        CompletableFuture<Outcome> closing = CompletableFuture.supplyAsync(at("10:00")::endOfDay);
        awaitWaiting();
        hostSettles(TID, "91");
        Outcome o = closing.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(Outcome.Kind.DECLINED, o.kind());
        assertTrue(o.reason().contains("DE39 91"), o.reason());
    }

    @Test
    void noSettlementByTheScheduleIsALabFaultNamingTheProfileField() {
        LabFault f = assertThrows(LabFault.class, () -> at("10:00").endOfDay());
        assertTrue(f.getMessage().contains("concert.telecollecte: 10:00"), f.getMessage());
        assertTrue(f.getMessage().contains(TID), f.getMessage());
    }

    @Test
    void withoutAScheduleTheDayCannotBeClosedAndTheScenarioIsSkipped() {
        ScheduledEndOfDay eod = at(null);
        assertFalse(eod.capabilities().contains(Capability.END_OF_DAY));
        NotSupported e = assertThrows(NotSupported.class, eod::endOfDay);
        assertTrue(e.getMessage().contains("concert.telecollecte"), e.getMessage());
    }
}
