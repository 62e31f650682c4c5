package io.firstsettle.ecr;

import io.firstsettle.core.EventSink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cash register's side of ZVT (master, [ZVT-SPEC] §2): sends a command, expects 80 00 00 within T3, then serves
 * the terminal's sequence (04 FF, 04 0F, 06 D1, ...) answering each with 80 00 00 until 06 0F or 06 1E, bounded by T4
 * and re-armed by 04 FF and 04 0F ([ZVT-TP] §5.2.6; a 04 FF may carry a new T4 in minutes, [ZVT-SPEC] §3.7).
 */
public final class EcrClient implements AutoCloseable {
    private final ApduLink link;
    private final Duration t3;
    private final Duration t4;
    private final EventSink events;
    private volatile EcrBehaviour behaviour = EcrBehaviour.CORRECT;

    /**
     * @param t3 real-time wait for the terminal's 80 00 / 84 xx
     * @param t4 real-time wait for each next message after 80 00
     */
    public EcrClient(ApduLink link, Duration t3, Duration t4, EventSink events) {
        this.link = link;
        this.t3 = t3;
        this.t4 = t4;
        this.events = events;
    }

    /** How this register behaves (for operator-error scenarios: a register that never answers print lines). */
    public void behaviour(EcrBehaviour b) {
        this.behaviour = b;
    }

    public EcrTranscript register(Registration registration) {
        return run("Registration", registration.toApdu());
    }

    public EcrTranscript authorize(Authorization authorization) {
        return run("Authorization", authorization.toApdu());
    }

    public EcrTranscript endOfDay(EndOfDay endOfDay) {
        return run("End-of-Day", endOfDay.toApdu());
    }

    public EcrTranscript run(String name, Apdu command) {
        List<String> print = new ArrayList<>();
        List<Integer> inter = new ArrayList<>();
        events.record("ecr", "command", Map.of("command", name, "apdu", command.toString()));
        try {
            link.send(command);
        } catch (ZvtLinkException e) {
            return new EcrTranscript(name, false, false, null, null, null, print, inter, e.getMessage());
        }
        Optional<Apdu> first = link.receive(t3);
        if (first.isEmpty()) {
            return new EcrTranscript(name, false, false, null, null, null, print, inter,
                    "no 80 00 00 from the terminal within T3 (" + t3.toMillis() + " ms) after " + name);
        }
        ZvtMessage m = ZvtMessages.decode(first.get());
        if (m instanceof Acknowledgement ack && !ack.isPositive()) {
            return new EcrTranscript(name, true, false, ack.aprc(), null, null, print, inter,
                    null);
        }
        if (!(m instanceof Acknowledgement)) {
            // some terminals skip 80 00 and start the sequence at once; serve it
            return serve(name, Optional.of(first.get()), print, inter);
        }
        return serve(name, Optional.empty(), print, inter);
    }

    private EcrTranscript serve(String name, Optional<Apdu> pending, List<String> print, List<Integer> inter) {
        Duration wait = t4;
        StatusInformation status = null;
        while (true) {
            Optional<Apdu> next = pending.isPresent() ? pending : link.receive(wait);
            pending = Optional.empty();
            if (next.isEmpty()) {
                return new EcrTranscript(name, false, false, status == null ? null : status.resultCode().orElse(null),
                        status, null, print, inter, "T4 (" + wait.toMillis() + " ms) ran out waiting for the terminal's "
                        + "next message in " + name + "; last status: " + (status == null ? "none" : status));
            }
            ZvtMessage m = ZvtMessages.decode(next.get());
            if (m instanceof IntermediateStatus is) {
                inter.add(is.status());
                acknowledge();
                wait = is.newT4Minutes() != null ? Duration.ofMinutes(is.newT4Minutes()).compareTo(t4) < 0
                        ? Duration.ofMinutes(is.newT4Minutes()) : t4 : t4;
            } else if (m instanceof StatusInformation si) {
                status = si;
                if (behaviour.answersStatusInformation()) {
                    acknowledge();
                }
                wait = t4;
            } else if (m instanceof PrintLine pl) {
                print.add(pl.text());
                if (behaviour.answersPrintLines()) {
                    acknowledge();
                }
            } else if (m instanceof Completion c) {
                acknowledge();
                Integer rc = status == null ? c.resultCode().orElse(null) : status.resultCode().orElse(null);
                boolean ok = rc == null || rc == 0;
                return new EcrTranscript(name, true, ok, rc, status, c, print, inter, null);
            } else if (m instanceof AbortFromPt abort) {
                acknowledge();
                return new EcrTranscript(name, true, false, abort.resultCode(), status, null, print, inter, null);
            } else {
                acknowledge();
            }
        }
    }

    private void acknowledge() {
        link.send(Apdu.POSITIVE_ACK);
    }

    @Override
    public void close() {
        link.close();
    }
}
