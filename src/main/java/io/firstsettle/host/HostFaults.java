package io.firstsettle.host;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.fault.AppliedFault;
import io.firstsettle.fault.FaultProfile;
import io.firstsettle.fault.HostMaintenanceMode;

/** host-maintenance faults in force on one AcquirerHost; windows run on the lab clock from when they were applied. */
final class HostFaults {
    private final LabClock clock;
    private final EventSink events;
    private final List<Applied> applied = new CopyOnWriteArrayList<>();

    HostFaults(LabClock clock, EventSink events) {
        this.clock = clock;
        this.events = events;
    }

    final class Applied implements AppliedFault {
        private final FaultProfile profile;
        private final String terminalId;
        private final Instant windowEnd;
        private final AtomicBoolean removed = new AtomicBoolean();
        private final Runnable onRemove;

        Applied(FaultProfile profile, String terminalId, Runnable onRemove) {
            this.profile = profile;
            this.terminalId = terminalId;
            this.windowEnd = profile.window() == null ? null : clock.now().plus(profile.window());
            this.onRemove = onRemove;
        }

        @Override
        public FaultProfile profile() {
            return profile;
        }

        @Override
        public String terminalId() {
            return terminalId;
        }

        Instant windowEnd() {
            return windowEnd;
        }

        @Override
        public boolean active() {
            return !removed.get() && (windowEnd == null || clock.now().isBefore(windowEnd));
        }

        @Override
        public void remove() {
            if (removed.compareAndSet(false, true)) {
                applied.remove(this);
                onRemove.run();
                events.record("fault", "removed", Map.of("fault", profile.name(),
                        "terminalId", String.valueOf(terminalId)));
            }
        }
    }

    Applied add(FaultProfile p, String terminalId, Runnable onRemove) {
        Applied a = new Applied(p, terminalId, onRemove);
        applied.add(a);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("fault", p.name());
        ev.put("kind", p.kind().wire());
        ev.put("mode", p.mode().wire());
        ev.put("terminalId", String.valueOf(terminalId));
        ev.put("windowEnd", a.windowEnd() == null ? "until removed" : a.windowEnd().toString());
        events.record("fault", "applied", ev);
        return a;
    }

    /** The refusal for this terminal's request now, if a refuse-mode maintenance is active. */
    Optional<Applied> refusal(String tid) {
        if (applied.isEmpty()) {
            return Optional.empty(); // every request asks: no stream when no fault is in force
        }
        return applied.stream().filter(a -> a.profile().mode() == HostMaintenanceMode.REFUSE && a.active()
                && (a.terminalId() == null || a.terminalId().equals(tid))).findFirst();
    }

    /** Whether a port-closed maintenance is active now. */
    boolean portClosed() {
        return applied.stream().anyMatch(a -> a.profile().mode() == HostMaintenanceMode.PORT_CLOSED && a.active());
    }
}
