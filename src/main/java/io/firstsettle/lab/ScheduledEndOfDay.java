package io.firstsettle.lab;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.NotSupported;
import io.firstsettle.terminal.Operation;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.IsoMessage;
import io.firstsettle.terminal.ForwardingRegister;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.ReportedCode;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The end-of-day of a physical Concert terminal. Protocol E+ has no end-of-day request: the terminal settles its batch
 * with the host on its own schedule (the télécollecte), at the time of day the profile's {@code concert.telecollecte}
 * names. "The day is closed" then means: wait, named and bounded ({@link Waits}, on the {@link LabClock}), from the
 * next scheduled time on for the terminal's settlement answer (0510, this terminal's TID) to leave the host, and
 * report it as the terminal's end-of-day (DE39 00 closed, anything else the batch stays open). When none comes within
 * {@code concert.telecollecteWaitMinutes} after the scheduled time, the lab is at fault ({@link LabFault} naming the
 * profile fields), never the terminal. Every other operation goes to the protocol's register.
 */
final class ScheduledEndOfDay extends ForwardingRegister {
    private final String terminalId;
    private final Optional<LocalTime> schedule;
    private final int waitMinutes;
    private final LabClock clock;
    private final Supplier<List<EvidenceEvent>> events;
    private final EventSink evidence;

    /**
     * @param schedule    the profile's {@code concert.telecollecte}, empty when it names none
     * @param waitMinutes the profile's {@code concert.telecollecteWaitMinutes} (lab minutes after the schedule)
     * @param events      the scenario's evidence so far, where the host records every message it sends
     */
    ScheduledEndOfDay(Register protocol, String terminalId, Optional<LocalTime> schedule, int waitMinutes,
                      LabClock clock, Supplier<List<EvidenceEvent>> events, EventSink evidence) {
        super(protocol);
        this.terminalId = terminalId;
        this.schedule = schedule;
        this.waitMinutes = waitMinutes;
        this.clock = clock;
        this.events = events;
        this.evidence = evidence;
    }


    @Override
    public Set<Capability> capabilities() {
        Set<Capability> c = EnumSet.noneOf(Capability.class);
        c.addAll(protocol.capabilities());
        if (schedule.isPresent()) {
            c.add(Capability.END_OF_DAY);
        }
        return c;
    }

    @Override
    public Outcome endOfDay() {
        LocalTime at = schedule.orElseThrow(() -> new NotSupported(Capability.END_OF_DAY, "the physical Concert "
                + "terminal " + terminalId, "protocol E+ has no end-of-day request and the terminal profile names no "
                + "schedule: set concert.telecollecte (HH:mm) to the time of the terminal's own télécollecte"));
        ZonedDateTime now = clock.nowZoned();
        ZonedDateTime due = now.with(at).withSecond(0).withNano(0);
        if (due.isBefore(now.withSecond(0).withNano(0))) {
            due = due.plusDays(1);
        }
        int before = settlements().size();
        Duration bound = Duration.between(now, due).plusMinutes(waitMinutes);
        evidence.record("lab", "telecollecte-awaited", Map.of("tid", terminalId, "scheduled", due.toString(),
                "boundLabSeconds", bound.toSeconds(), "profile", "concert.telecollecte " + at));
        IsoMessage answer;
        try {
            answer = Waits.until(clock, "the terminal's scheduled télécollecte (concert.telecollecte " + at
                            + ") to settle with the host", bound,
                    () -> {
                        List<IsoMessage> s = settlements();
                        return s.size() > before ? Optional.of(s.get(before)) : Optional.empty();
                    },
                    () -> "no 0510 for terminal " + terminalId + " since the wait began");
        } catch (Waits.WaitTimeout e) {
            throw new LabFault("no settlement from terminal " + terminalId + " reached the host by " + due
                    + " plus " + waitMinutes + " lab minutes: the terminal profile says concert.telecollecte: " + at
                    + " (and concert.telecollecteWaitMinutes: " + waitMinutes + "); check the télécollecte time set on"
                    + " the terminal, its clock, and that it reaches the lab's host", e);
        }
        String de39 = String.valueOf(answer.responseCode());
        boolean closed = "00".equals(de39);
        evidence.record("lab", "telecollecte-seen", Map.of("tid", terminalId, "de39", de39));
        return new Outcome(Operation.END_OF_DAY, closed ? Outcome.Kind.APPROVED : Outcome.Kind.DECLINED, true,
                new ReportedCode(protocol(), "telecollecte-" + (closed ? "closed" : "still_open"), null, false),
                closed ? "the terminal's scheduled télécollecte settled its batch (0510 DE39 00)"
                        : "the terminal's scheduled télécollecte was refused (0510 DE39 " + de39 + "): batch stays open",
                null, null, null, null, List.of());
    }

    /** The host's settlement answers (0510) to this terminal so far, in order. */
    private List<IsoMessage> settlements() {
        return events.get().stream().filter(e -> "host".equals(e.source()))
                .map(e -> e.payload() instanceof IsoMessage m && !m.inbound() && "0510".equals(m.mti())
                        && terminalId.equals(m.terminalId()) ? m : null)
                .filter(java.util.Objects::nonNull).toList();
    }







}
