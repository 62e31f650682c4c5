package io.firstsettle.emulator.zvt;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.Hex;
import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.link.ZvtLinkException;
import io.firstsettle.ecr.zvt.message.AbortFromEcr;
import io.firstsettle.ecr.zvt.message.Acknowledgement;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.message.CardFamily;
import io.firstsettle.ecr.zvt.message.CardTotal;
import io.firstsettle.ecr.zvt.message.Completion;
import io.firstsettle.ecr.zvt.message.Diagnosis;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.message.Initialisation;
import io.firstsettle.ecr.zvt.message.LogOff;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.message.ResultCode;
import io.firstsettle.ecr.zvt.message.StatusEnquiry;
import io.firstsettle.ecr.zvt.message.StatusInformation;
import io.firstsettle.ecr.zvt.message.TerminalStatusCode;
import io.firstsettle.ecr.zvt.message.Totals;
import io.firstsettle.ecr.zvt.message.ZvtMessage;
import io.firstsettle.ecr.zvt.message.ZvtMessages;
import io.firstsettle.emulator.DayEnd;
import io.firstsettle.emulator.PaymentEngine;
import io.firstsettle.emulator.Receipts;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.profile.TerminalProfile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PT side of ZVT ([ZVT-SPEC]) in its own thread: APDUs in, APDUs out, the payment rules in the
 * {@link PaymentEngine}. Registration, Status Enquiry, Initialisation, Diagnosis, Log-Off and End-of-Day here,
 * Authorization in {@link ZvtPayment}, the PT's end of the line in {@link ZvtPtLine}.
 */
public final class ZvtTerminalSession implements AutoCloseable {
    /** Software version this emulated terminal reports in the Status-Enquiry answer. */
    public static final String SOFTWARE_VERSION = "FS-EMU 0.1.0";

    private final PaymentEngine engine;
    private final Receipts receipts;
    private final TerminalProfile profile;
    private final ZvtPtLine line;
    private final ZvtPayment payment;
    private final Thread worker;

    public ZvtTerminalSession(ApduLink link, PaymentEngine engine, Receipts receipts, EventSink events) {
        this.engine = engine;
        this.receipts = receipts;
        this.profile = engine.profile();
        this.line = new ZvtPtLine(link, profile, engine.policy(), receipts, events);
        this.payment = new ZvtPayment(line, engine, receipts);
        this.worker = new Thread(this::serve, "emulated-terminal-" + profile.terminalId());
        this.worker.setDaemon(true);
    }

    public void start() {
        worker.start();
    }

    public String lineName() {
        return line.link().name();
    }

    private void serve() {
        ApduLink link = line.link();
        while (line.running) {
            Optional<Apdu> next;
            try {
                next = link.receive(Duration.ofMillis(100));
            } catch (ZvtLinkException e) {
                if (line.running) {
                    line.decide("line-lost", Map.of("error", String.valueOf(e.getMessage())));
                }
                return;
            }
            try {
                Optional<byte[]> bad = link.takeMalformed();
                if (bad.isPresent()) {
                    line.decide("malformed-command", Map.of("bytes", Hex.format(bad.get()), "answer", "84 9A"));
                    link.send(Apdu.negativeAck(ResultCode.PROTOCOL_ERROR.code()));
                }
                if (next.isEmpty()) {
                    engine.idle();
                    continue;
                }
                handle(ZvtMessages.decode(next.get()), next.get());
            } catch (ZvtFormatException e) {
                // a well-framed command whose content does not parse: say so, like a terminal does ([ZVT-SPEC] ch.10)
                line.decide("malformed-command", Map.of("error", String.valueOf(e.getMessage()), "answer", "84 9A"));
                line.safeSend(Apdu.negativeAck(ResultCode.PROTOCOL_ERROR.code()));
            } catch (ZvtLinkException e) {
                line.decide("line-error", Map.of("error", String.valueOf(e.getMessage())));
            } catch (RuntimeException e) {
                if (!line.running) {
                    return;
                }
                line.decide("internal-error", Map.of("error", String.valueOf(e)));
                line.safeSend(Apdu.negativeAck(ResultCode.SYSTEM_ERROR.code()));
            }
        }
    }

    private void handle(ZvtMessage m, Apdu raw) {
        if (m instanceof Registration r) {
            register(r);
        } else if (m instanceof Initialisation i) {
            initialise(i);
        } else if (m instanceof Authorization a) {
            payment.authorize(a);
        } else if (m instanceof EndOfDay e) {
            endOfDay(e);
        } else if (m instanceof StatusEnquiry q) {
            statusEnquiry(q);
        } else if (m instanceof LogOff) {
            // [ZVT-SPEC] §2.24: 80 00 00 and the config byte goes back to its default; this terminal then wants a
            // fresh Registration before it takes a payment (a bench's "factory-new" state, lab-setup.md)
            line.configByte = null;
            line.tlv.logOff();
            line.decide("logged-off", Map.of());
            line.send(Apdu.POSITIVE_ACK);
        } else if (m instanceof Diagnosis) {
            diagnosis();
        } else if (m instanceof AbortFromEcr) {
            line.decide("abort-refused", Map.of("why", "no authorization is running"));
            line.send(Apdu.negativeAck(ResultCode.FUNCTION_NOT_POSSIBLE.code()));
        } else if (m instanceof Acknowledgement) {
            line.decide("stray-ack", Map.of("apdu", raw.toString()));
        } else {
            line.decide("unsupported-command", Map.of("apdu", raw.toString()));
            line.send(Apdu.negativeAck(ResultCode.FUNCTION_NOT_POSSIBLE.code()));
        }
    }

    // ---- Registration 06 00 ([ZVT-SPEC] §2.1): 80 00 00, then 06 0F with status byte and TID ----
    private void register(Registration r) {
        if (ZvtRefusals.wrongPassword(line, profile.password(), r.password6(), "Registration")) {
            return;
        }
        line.configByte = r.configByte();
        line.tlv.registration(r);
        line.decide("registered", Map.of("configByte", String.format("%02X", r.configByte()),
                "ecrPrints", line.ecrPrints()));
        line.send(Apdu.POSITIVE_ACK);
        line.sendAwaitingAck(Completion.withTid(0x00, Integer.parseInt(profile.terminalId()), r.currencyCode())
                .toApdu(), "Completion of Registration");
    }

    // ---- Status Enquiry 05 01 ([ZVT-SPEC] §2.56): 80 00 00, then 06 0F with SW version and terminal status ----
    private void statusEnquiry(StatusEnquiry q) {
        line.tlv.command("Status-Enquiry", Optional.ofNullable(q.tlv()));
        line.send(Apdu.POSITIVE_ACK);
        TerminalState.Image img = engine.state().image();
        int status;
        if (!img.openBatch().isEmpty()) {
            status = TerminalStatusCode.RECONCILIATION_REQUIRED.code();
        } else if (line.configByte == null || !engine.signedOn() && img.factoryNew()) {
            status = TerminalStatusCode.INITIALISATION_REQUIRED.code();
        } else {
            status = TerminalStatusCode.READY.code();
        }
        line.decide("status-enquiry", Map.of("terminalStatus", String.format("%02X", status),
                "openBatch", img.openBatch().size()));
        line.sendAwaitingAck(Completion.statusEnquiryAnswer(SOFTWARE_VERSION, status).toApdu(),
                "Status-Enquiry Completion");
    }

    // ---- Initialisation 06 93 ([ZVT-SPEC] §2.18): sign-on and parameters from the host ----
    private void initialise(Initialisation i) {
        if (ZvtRefusals.wrongPassword(line, profile.password(), i.password6(), "Initialisation")) {
            return;
        }
        line.send(Apdu.POSITIVE_ACK);
        line.intermediate(0x17);
        if (!engine.signOn()) {
            line.finishFailed(payment.connectionFailure(false), "initialisation: the host did not accept the sign-on");
            return;
        }
        line.sendAwaitingAck(StatusInformation.builder().resultCode(0)
                .terminalId(Integer.parseInt(profile.terminalId()))
                .additionalText("INITIALISED BATCH " + String.format("%06d", engine.state().image().batchNo()))
                .build().toApdu(), "Status-Information");
        line.sendAwaitingAck(Completion.plain().toApdu(), "Completion");
    }

    // ---- Diagnosis 06 70 ([ZVT-SPEC] §2.17): the PT contacts its host ----
    private void diagnosis() {
        line.send(Apdu.POSITIVE_ACK);
        if (!engine.signOn()) {
            line.finishFailed(payment.connectionFailure(false), "diagnosis: the host did not answer the sign-on");
            return;
        }
        line.sendAwaitingAck(Completion.plain().toApdu(), "Completion");
    }

    // ---- End-of-Day 06 50 ([ZVT-SPEC] §2.16) ----
    private void endOfDay(EndOfDay e) {
        line.tlv.command("End-of-Day", Optional.ofNullable(e.tlv()));
        if (ZvtRefusals.wrongPassword(line, profile.password(), e.password6(), "End-of-Day")
                || ZvtRefusals.notRegistered(line, "End-of-Day")) {
            return;
        }
        line.send(Apdu.POSITIVE_ACK);
        DayEnd d = engine.endOfDay(line);
        switch (d.kind()) {
            case NOT_STARTED -> line.finishFailed(ResultCode.OPEN_END_OF_DAY_BATCH.code(), d.why());
            case CLOSED -> {
                StatusInformation si = StatusInformation.builder()
                        .resultCode(0)
                        .amountMinor(d.total())
                        .totals(totals(d.entries()))
                        .build();
                line.sendAwaitingAck(si.toApdu(), "End-of-Day Status-Information");
                line.printReceipt(receipts.dayEnd(d));
                line.sendAwaitingAck(Completion.plain().toApdu(), "Completion");
            }
            case STILL_OPEN -> {
                line.printReceipt(receipts.dayEnd(d));
                line.finishFailed(ResultCode.OPEN_END_OF_DAY_BATCH.code(), d.why());
            }
        }
    }

    /** BMP 60 individual totals of the batch, per card family ([ZVT-SPEC] §3.1.3). */
    private static Totals totals(List<TerminalState.BatchEntry> entries) {
        Map<CardFamily, long[]> sums = new EnumMap<>(CardFamily.class);
        int from = Integer.MAX_VALUE;
        int to = 0;
        for (TerminalState.BatchEntry e : entries) {
            CardFamily f = e.maskedPan().startsWith("4") ? CardFamily.VISA
                    : e.maskedPan().startsWith("5") ? CardFamily.EUROCARD : CardFamily.REMAINING;
            long[] s = sums.computeIfAbsent(f, k -> new long[2]);
            s[0]++;
            s[1] += e.amountMinor();
            from = Math.min(from, e.receiptNo());
            to = Math.max(to, e.receiptNo());
        }
        List<CardTotal> cards = new ArrayList<>();
        for (CardFamily f : CardFamily.values()) {
            long[] s = sums.getOrDefault(f, new long[2]);
            cards.add(new CardTotal(f, (int) s[0], s[1]));
        }
        return new Totals(from == Integer.MAX_VALUE ? 0 : from, to, cards);
    }

    /** Stops serving: a host exchange in flight (bounded by the host timeout) may end first, then the line closes. */
    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

    /** As {@link #close()}, waiting at most {@code join} for the serving thread. */
    public void close(Duration join) {
        line.running = false;
        worker.interrupt();
        try {
            worker.join(join.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.link().close();
    }
}
