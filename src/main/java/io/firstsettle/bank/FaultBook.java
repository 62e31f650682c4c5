package io.firstsettle.bank;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.fault.FaultKind;
import io.firstsettle.fault.Stage;

/** The faults one BankFake has applied, shared by the fault transformer and the ledger. Thread-safe. */
final class FaultBook {
    private final Map<String, BankAppliedFault> byId = new ConcurrentHashMap<>();
    private final LabClock clock;
    private final EventSink events;

    FaultBook(LabClock clock, EventSink events) {
        this.clock = clock;
        this.events = events;
    }

    LabClock clock() {
        return clock;
    }

    EventSink events() {
        return events;
    }

    void add(BankAppliedFault f) {
        byId.put(f.id(), f);
    }

    BankAppliedFault get(String id) {
        return id == null ? null : byId.get(id);
    }

    List<BankAppliedFault> all() {
        return List.copyOf(byId.values());
    }

    /**
     * Forgets the removed faults of a terminal that is done for good (a fleet's terminal after it was judged); a fault
     * still in force stays, so that no hold waiting for its removal is stranded.
     */
    void retire(String terminalId) {
        byId.values().removeIf(f -> f.removed() && terminalId.equals(f.target().terminalId()));
    }

    /** Faults acting on the credit run of this terminal's settlement, active now. */
    List<BankAppliedFault> creditFaults(String terminalId, String merchantId) {
        return byId.values().stream()
                .filter(f -> f.profile().stage() == Stage.CREDIT && f.profile().kind() != FaultKind.LINK)
                .filter(f -> f.matches(terminalId, merchantId) && f.active())
                .sorted((a, b) -> a.appliedAt().compareTo(b.appliedAt()))
                .toList();
    }
}
