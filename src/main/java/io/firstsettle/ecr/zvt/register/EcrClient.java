package io.firstsettle.ecr.zvt.register;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.link.TerminalUnreachable;
import io.firstsettle.ecr.zvt.link.ZvtLinkException;
import io.firstsettle.ecr.zvt.message.AbortFromEcr;
import io.firstsettle.ecr.zvt.message.AbortFromPt;
import io.firstsettle.ecr.zvt.message.Acknowledgement;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.message.Completion;
import io.firstsettle.ecr.zvt.message.DisplayText;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.message.IntermediateStatus;
import io.firstsettle.ecr.zvt.message.IntermediateStatusCode;
import io.firstsettle.ecr.zvt.message.PrintLine;
import io.firstsettle.ecr.zvt.message.PrintTextBlock;
import io.firstsettle.ecr.zvt.message.Refund;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.message.RepeatReceipt;
import io.firstsettle.ecr.zvt.message.ResultCode;
import io.firstsettle.ecr.zvt.message.Reversal;
import io.firstsettle.ecr.zvt.message.SendTurnoverTotals;
import io.firstsettle.ecr.zvt.message.StatusEnquiry;
import io.firstsettle.ecr.zvt.message.StatusInformation;
import io.firstsettle.ecr.zvt.message.TextBlockReceipt;
import io.firstsettle.ecr.zvt.message.ZvtCommand;
import io.firstsettle.ecr.zvt.message.ZvtMessage;
import io.firstsettle.ecr.zvt.message.ZvtMessages;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cash register's side of ZVT (master, [ZVT-SPEC] §2): sends a command, expects 80 00 00 or 84 xx within T3, then
 * serves the terminal's sequence (04 FF, 04 0F, 06 D1, ...) answering each with 80 00 00 until 06 0F or 06 1E.
 *
 * <p>T4 is one deadline from the 80 00 00 to the closing command, not a per-message wait: only Intermediate Status
 * 04 FF and Status Information 04 0F re-arm it ([ZVT-TP] §5.2.6); print lines and other messages do not. A 04 FF that
 * carries a timeout byte (BCD minutes, [ZVT-SPEC] §3.7) sets T4 to that value, in lab time, for the rest of the
 * sequence. A line that fails (no ACK after the repeats, link gone) ends the sequence with a transcript naming it
 * rather than an exception.
 */
public final class EcrClient implements AutoCloseable {
    private final ApduLink link;
    private final Duration t3;
    private final Duration t4;
    private final LabClock clock;
    private final EventSink events;
    private volatile EcrBehaviour behaviour = EcrBehaviour.CORRECT;
    private volatile java.nio.charset.Charset charset;
    private volatile boolean tolerateUnknownBmps;

    /**
     * A client on the real clock (a 04 FF asking for 2 minutes waits 2 real minutes).
     *
     * @param t3 real-time wait for the terminal's 80 00 / 84 xx
     * @param t4 real-time T4 from 80 00 to the closing command, re-armed by 04 FF / 04 0F
     */
    public EcrClient(ApduLink link, Duration t3, Duration t4, EventSink events) {
        this(link, t3, t4, LabClock.real(), events);
    }

    /**
     * @param t3    real-time wait for the terminal's 80 00 / 84 xx
     * @param t4    real-time T4 from 80 00 to the closing command, re-armed by 04 FF / 04 0F
     * @param clock turns a T4 carried by 04 FF (lab minutes) into real time
     */
    public EcrClient(ApduLink link, Duration t3, Duration t4, LabClock clock, EventSink events) {
        this.link = link;
        this.t3 = t3;
        this.t4 = t4;
        this.clock = clock;
        this.events = events;
    }

    /** The character set the terminal prints in (null: the spec's CP437). Returns this client. */
    public EcrClient charset(java.nio.charset.Charset printCharset) {
        this.charset = printCharset;
        return this;
    }

    /** How this register behaves (for operator-error scenarios: a register that never answers print lines). */
    public void behaviour(EcrBehaviour b) {
        this.behaviour = b;
    }

    /**
     * Whether the terminal is known to send BMPs outside the spec tables ({@code TerminalProfile.tolerateUnknownBmps}).
     * Off (the default), an unknown BMP in the terminal's 04 0F / 06 0F / 06 E0 ends the sequence with an error naming
     * the BMP byte and its APDU offset, answered 84 9A; on, the unknown BMP and the rest of that message are kept as
     * one raw field ({@link BmpField#RAW_REST}) and an event {@code ecr/unknown-bmps-kept} is recorded.
     */
    public EcrClient tolerateUnknownBmps(boolean tolerate) {
        this.tolerateUnknownBmps = tolerate;
        return this;
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

    public EcrTranscript statusEnquiry(StatusEnquiry enquiry) {
        return run("Status Enquiry", enquiry.toApdu());
    }

    public EcrTranscript reversal(Reversal reversal) {
        return run("Reversal", reversal.toApdu());
    }

    public EcrTranscript refund(Refund refund) {
        return run("Refund", refund.toApdu());
    }

    public EcrTranscript sendTurnoverTotals(SendTurnoverTotals totals) {
        return run("Send Turnover Totals", totals.toApdu());
    }

    public EcrTranscript repeatReceipt(RepeatReceipt repeat) {
        return run("Repeat Receipt", repeat.toApdu());
    }

    public EcrTranscript run(String name, Apdu command) {
        List<String> print = new ArrayList<>();
        List<Integer> inter = new ArrayList<>();
        Holder h = new Holder();
        h.statusEnquiry = command.command() == ZvtCommand.STATUS_ENQUIRY;
        events.record("ecr", "command", Map.of("command", name, "apdu", command.toString()));
        try {
            try {
                link.send(command);
            } catch (ZvtLinkException e) {
                Optional<TerminalUnreachable> dead = TerminalUnreachable.of(e, link);
                if (dead.isPresent()) {
                    events.record("ecr", TerminalUnreachable.EVENT, dead.get().evidence(name));
                    return new EcrTranscript(name, false, false, null, null, null, print, inter,
                            dead.get().message());
                }
                throw e;
            }
            Optional<Apdu> first = link.receive(t3);
            if (first.isEmpty()) {
                return new EcrTranscript(name, false, false, null, null, null, print, inter,
                        "no 80 00 00 from the terminal within T3 (" + t3.toMillis() + " ms) after " + name
                                + " on " + link.name());
            }
            ZvtMessage m;
            try {
                m = decode(first.get(), h);
            } catch (ZvtFormatException bad) {
                return malformed(name, first.get(), bad, print, inter, h);
            }
            if (m instanceof Acknowledgement ack && !ack.isPositive()) {
                return new EcrTranscript(name, true, false, ack.aprc(), null, null, print, inter, null);
            }
            // some terminals skip 80 00 and start the sequence at once; serve it
            return serve(name, m instanceof Acknowledgement ? Optional.empty() : Optional.of(first.get()), print, inter, h);
        } catch (ZvtLinkException e) {
            events.record("ecr", "link-failed", Map.of("command", name, "error", String.valueOf(e.getMessage())));
            return new EcrTranscript(name, false, false, h.status == null ? null : h.status.resultCode().orElse(null),
                    h.status, null, print, inter, e.getMessage());
        }
    }

    /** The last Status Information seen, kept across the exception paths of {@link #serve}. */
    private static final class Holder {
        StatusInformation status;
        boolean abortSent;
        /** The command was a Status-Enquiry: its 06 0F carries [SW version] and a terminal status (§2.56). */
        boolean statusEnquiry;
    }

    private static final int WAITING_FOR_HOST = IntermediateStatusCode.WAITING_FOR_HOST.code();

    private EcrTranscript serve(String name, Optional<Apdu> pending, List<String> print, List<Integer> inter,
                                Holder h) {
        Duration currentT4 = t4;
        long deadline = System.nanoTime() + currentT4.toNanos();
        while (true) {
            Optional<Apdu> next;
            if (pending.isPresent()) {
                next = pending;
                pending = Optional.empty();
            } else {
                long left = deadline - System.nanoTime();
                next = left > 0 ? link.receive(Duration.ofNanos(left)) : Optional.empty();
            }
            if (next.isEmpty()) {
                events.record("ecr", "t4-expired", Map.of("command", name, "t4Millis", currentT4.toMillis()));
                return new EcrTranscript(name, false, false, h.status == null ? null
                        : h.status.resultCode().orElse(null), h.status, null, print, inter, "T4 ("
                        + currentT4.toMillis() + " ms) ran out waiting for the terminal's closing 06 0F / 06 1E in "
                        + name + " on " + link.name() + "; last status: " + (h.status == null ? "none" : h.status));
            }
            ZvtMessage m;
            try {
                m = decode(next.get(), h);
            } catch (ZvtFormatException bad) {
                return malformed(name, next.get(), bad, print, inter, h);
            }
            if (m instanceof IntermediateStatus is) {
                inter.add(is.status());
                acknowledge();
                if (behaviour.abortsWhileWaitingForHost() && is.status() == WAITING_FOR_HOST && !h.abortSent) {
                    h.abortSent = true;
                    events.record("ecr", "abort-sent", Map.of("command", name, "why", "the cashier pressed abort"));
                    link.send(new AbortFromEcr().toApdu());
                }
                if (is.newT4Minutes() != null) {
                    currentT4 = clock.toReal(Duration.ofMinutes(is.newT4Minutes()));
                    events.record("ecr", "t4-changed", Map.of("minutes", is.newT4Minutes(),
                            "realMillis", currentT4.toMillis()));
                }
                deadline = System.nanoTime() + currentT4.toNanos();
            } else if (m instanceof StatusInformation si) {
                h.status = si;
                if (behaviour.answersStatusInformation()) {
                    acknowledge();
                }
                deadline = System.nanoTime() + currentT4.toNanos();
            } else if (m instanceof PrintLine pl) {
                // the profile's character set (CP437 by the spec; ISO-8859-1/15 on some terminals, protocols.md A.11)
                print.add(charset == null ? pl.text() : PrintLine.from(next.get(), charset).text());
                if (behaviour.answersPrintLines()) {
                    acknowledge();
                }
            } else if (m instanceof PrintTextBlock block) {
                // 06 D3: the same receipt lines as 06 D1 would carry, read from TLV tag 07 ([ZVT-SPEC] §3.6)
                print.addAll(TextBlockReceipt.of(block, charset == null ? PrintLine.CP437 : charset).lines());
                if (behaviour.answersPrintLines()) {
                    acknowledge();
                }
            } else if (m instanceof Completion c) {
                acknowledge();
                Integer rc = h.status == null ? c.resultCode().orElse(null) : h.status.resultCode().orElse(null);
                boolean ok = rc == null || rc == 0;
                return new EcrTranscript(name, true, ok, rc, h.status, c, print, inter, null);
            } else if (m instanceof AbortFromPt abort) {
                acknowledge();
                return new EcrTranscript(name, true, false, abort.resultCode(), h.status, null, print, inter, null);
            } else if (m instanceof Acknowledgement ack) {
                // the terminal's answer to our 06 B0; an acknowledgement is never acknowledged
                events.record("ecr", "abort-answered", Map.of("command", name, "positive", ack.isPositive()));
            } else {
                acknowledge();
            }
        }
    }

    private ZvtMessage decode(Apdu apdu, Holder h) {
        ZvtMessage m = h.statusEnquiry && apdu.command() == ZvtCommand.COMPLETION ? Completion.fromStatusEnquiry(apdu)
                : ZvtMessages.decode(apdu, tolerateUnknownBmps);
        if (tolerateUnknownBmps) {
            List<BmpField> fields = m instanceof StatusInformation si ? si.fields()
                    : m instanceof Completion c ? c.fields() : m instanceof DisplayText d ? d.fields() : List.of();
            fields.stream().filter(f -> f.tag() == BmpField.RAW_REST).findFirst().ifPresent(raw ->
                    events.record("ecr", "unknown-bmps-kept", Map.of("apdu", apdu.toString(),
                            "rawBytes", raw.value().length)));
        }
        return m;
    }

    private EcrTranscript malformed(String name, Apdu apdu, ZvtFormatException bad, List<String> print,
                                    List<Integer> inter, Holder h) {
        link.send(Apdu.negativeAck(ResultCode.PROTOCOL_ERROR.code()));
        return new EcrTranscript(name, false, false, null, h.status, null, print, inter, "the terminal sent a"
                + " malformed " + apdu + " in " + name + ": " + bad.getMessage()
                + "; answered 84 " + String.format("%02X", ResultCode.PROTOCOL_ERROR.code()));
    }

    private void acknowledge() {
        link.send(Apdu.POSITIVE_ACK);
    }

    @Override
    public void close() {
        link.close();
    }
}
