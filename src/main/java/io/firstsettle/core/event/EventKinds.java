package io.firstsettle.core.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one recorded event (a line of {@code events.jsonl} as a map) into an {@link EvidenceEvent}: the envelope, then
 * the payload of its source and kind. Kinds not listed here are {@link Generic}, so evidence of an older or newer
 * harness stays readable. To add a kind: a record implementing {@link EvidenceEvent.Payload} (its {@code fields()}
 * writes the map, a static {@code read(Fields)} reads it back) and one line in {@link #READERS}.
 */
public final class EventKinds {
    /** The envelope every event has; a payload's own field of one of these names is stored with "Field" appended. */
    public static final Set<String> ENVELOPE = Set.of("seq", "labTime", "source", "kind");

    private static final Map<String, Function<Fields, EvidenceEvent.Payload>> READERS = readers();

    private EventKinds() {
    }

    private static Map<String, Function<Fields, EvidenceEvent.Payload>> readers() {
        Map<String, Function<Fields, EvidenceEvent.Payload>> r = new LinkedHashMap<>();
        for (String source : new String[]{"host", "terminal"}) {
            r.put(source + "/iso-in", f -> IsoMessage.read(f, true));
            r.put(source + "/iso-out", f -> IsoMessage.read(f, false));
        }
        for (String source : new String[]{"ecr", "terminal"}) {
            for (String protocol : new String[]{"zvt", "concert"}) {
                r.put(source + "/" + protocol + "-in", f -> SerialFrame.read(f, protocol, false));
                r.put(source + "/" + protocol + "-out", f -> SerialFrame.read(f, protocol, true));
            }
        }
        r.put("ecr/" + EcrCommand.KIND, EcrCommand::read);
        r.put("ecr/" + UnreachableTerminal.KIND, UnreachableTerminal::read);
        r.put("register/" + RegisterOperation.KIND, RegisterOperation::read);
        r.put("register/" + RegisterOutcome.KIND, RegisterOutcome::read);
        r.put("host/" + BankRequest.KIND, BankRequest::read);
        r.put("host/" + BankResponse.KIND, BankResponse::read);
        r.put("host/" + Reconcile.KIND, Reconcile::read);
        r.put("fault/" + CreditHold.HELD, f -> CreditHold.read(f, false));
        r.put("fault/" + CreditHold.RELEASED, f -> CreditHold.read(f, true));
        r.put("fault/" + FaultApplied.KIND, FaultApplied::read);
        r.put("fault/" + LinkFaultFired.KIND, LinkFaultFired::read);
        r.put("oracle/" + VerdictRecorded.KIND, VerdictRecorded::read);
        r.put("operator/" + KeyedAmount.KIND, KeyedAmount::read);
        r.put("operator/" + WrongPaymentMethod.KIND, WrongPaymentMethod::read);
        r.put("operator/" + AbortPressed.KIND, AbortPressed::read);
        r.put("operator/" + RegisterMisconfigured.KIND, RegisterMisconfigured::read);
        r.put("lab/" + LogOnSetup.KIND, LogOnSetup::read);
        r.put("lab/" + RigReady.KIND, RigReady::read);
        r.put("terminal/" + PrintedOwnPaper.KIND, PrintedOwnPaper::read);
        r.put("terminal/" + IsoLinkError.KIND, IsoLinkError::read);
        return Map.copyOf(r);
    }

    /** Whether {@code source / kind} has a typed payload (else it reads as {@link Generic}). */
    public static boolean typed(String source, String kind) {
        return READERS.containsKey(source + "/" + kind);
    }

    /**
     * One event from its map (a parsed JSON line, or what a recorder holds in memory).
     *
     * @throws EventFieldException naming the field and what is wrong with it
     */
    public static EvidenceEvent read(Map<String, ?> line) {
        Fields envelope = new Fields("event", line);
        String source = envelope.required("source");
        String kind = envelope.required("kind");
        Long seq;
        try {
            seq = envelope.number("seq");
        } catch (EventFieldException e) {
            throw new EventFieldException("the event's \"seq\" must be a whole number, not " + line.get("seq"));
        }
        String t = envelope.text("labTime");
        Instant labTime;
        try {
            labTime = t == null ? null : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new EventFieldException("the event's \"labTime\" must be an ISO-8601 instant "
                    + "(2026-01-01T00:00:00Z), not \"" + t + "\"");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        line.forEach((k, v) -> {
            if (!ENVELOPE.contains(k)) {
                details.put(k, v);
            }
        });
        Fields fields = new Fields(source + " / " + kind, details);
        Function<Fields, EvidenceEvent.Payload> reader = READERS.get(source + "/" + kind);
        EvidenceEvent.Payload payload = reader == null ? new Generic(kind, details) : reader.apply(fields);
        return new EvidenceEvent(seq == null ? Long.MAX_VALUE : seq, labTime, source, kind, payload, details);
    }
}
