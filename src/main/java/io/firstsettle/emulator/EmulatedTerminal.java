package io.firstsettle.emulator;

import io.firstsettle.ecr.AbortFromPt;
import io.firstsettle.ecr.CardFamily;
import io.firstsettle.ecr.CardTotal;
import io.firstsettle.ecr.Totals;
import io.firstsettle.ecr.Acknowledgement;
import io.firstsettle.ecr.Apdu;
import io.firstsettle.ecr.ApduLink;
import io.firstsettle.ecr.Authorization;
import io.firstsettle.ecr.Completion;
import io.firstsettle.ecr.EndOfDay;
import io.firstsettle.ecr.IntermediateStatus;
import io.firstsettle.ecr.PrintLine;
import io.firstsettle.ecr.Registration;
import io.firstsettle.ecr.ResultCode;
import io.firstsettle.ecr.StatusInformation;
import io.firstsettle.ecr.ZvtLinkException;
import io.firstsettle.ecr.ZvtMessage;
import io.firstsettle.ecr.ZvtMessages;
import io.firstsettle.core.EventSink;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.core.LabClock;
import io.firstsettle.profile.TerminalProfile;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A software POS terminal (PT) that serves ZVT to a cash register on one end of a serial line and speaks ISO 8583 to
 * an acquirer host on the other, with the behaviour of a correct device:
 * <ul>
 *   <li>signs on (0800) before its first financial message;</li>
 *   <li>keeps STAN, receipt and batch numbers in non-volatile state ({@link TerminalState});</li>
 *   <li>stores a reversal before each 0200 and sends it when the host does not answer in time;</li>
 *   <li>keeps a payment only once the register acknowledged the 04 0F and every print line, and reverses it
 *       otherwise ([ZVT-SPEC] §2.2.8);</li>
 *   <li>End-of-Day sends 0500 with the open batch's count and total and keeps the batch open when refused.</li>
 * </ul>
 */
public final class EmulatedTerminal implements AutoCloseable {
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");

    private final ApduLink link;
    private final TerminalProfile profile;
    private final IsoTerminalClient host;
    private final TerminalState state;
    private final LabClock clock;
    private final EventSink events;
    private final Duration t3;
    private final Charset charset;
    private final AtomicReference<CardProfile> presentedCard = new AtomicReference<>();
    private final List<String> ownPaper = new ArrayList<>();
    private final Thread worker;
    private volatile boolean running = true;
    private volatile boolean signedOn;
    private volatile Integer configByte;

    public EmulatedTerminal(ApduLink link, TerminalProfile profile, IsoTerminalClient host, TerminalState state,
                            LabClock clock, EventSink events) {
        this.link = link;
        this.profile = profile;
        this.host = host;
        this.state = state;
        this.clock = clock;
        this.events = events;
        this.t3 = Duration.ofMillis(profile.t3Millis());
        this.charset = Charset.forName(profile.charset());
        this.worker = new Thread(this::serve, "emulated-terminal-" + profile.terminalId());
        this.worker.setDaemon(true);
    }

    public EmulatedTerminal start() {
        worker.start();
        events.record("terminal", "started", Map.of("tid", profile.terminalId(), "line", link.name(),
                "host", host.address(), "factoryNew", state.image().factoryNew()));
        return this;
    }

    /** The emulated cardholder presents this card at the next payment. */
    public void presentCard(CardProfile card) {
        presentedCard.set(card);
    }

    /** Receipts the terminal printed on its own paper (when the register does not print). */
    public synchronized List<String> ownPaper() {
        return List.copyOf(ownPaper);
    }

    public TerminalState state() {
        return state;
    }

    private void serve() {
        while (running) {
            Optional<Apdu> next;
            try {
                next = link.receive(Duration.ofMillis(100));
            } catch (ZvtLinkException e) {
                if (running) {
                    events.record("terminal", "line-lost", Map.of("error", String.valueOf(e.getMessage())));
                }
                return;
            }
            if (next.isEmpty()) {
                continue;
            }
            try {
                handle(ZvtMessages.decode(next.get()), next.get());
            } catch (ZvtLinkException e) {
                events.record("terminal", "line-error", Map.of("error", String.valueOf(e.getMessage())));
            } catch (RuntimeException e) {
                events.record("terminal", "internal-error", Map.of("error", String.valueOf(e)));
                safeSend(Apdu.negativeAck(ResultCode.SYSTEM_ERROR.code()));
            }
        }
    }

    private void handle(ZvtMessage m, Apdu raw) {
        if (m instanceof Registration r) {
            register(r);
        } else if (m instanceof Authorization a) {
            authorize(a);
        } else if (m instanceof EndOfDay e) {
            endOfDay(e);
        } else if (m instanceof Acknowledgement) {
            events.record("terminal", "stray-ack", Map.of("apdu", raw.toString()));
        } else {
            events.record("terminal", "unsupported-command", Map.of("apdu", raw.toString()));
            link.send(Apdu.negativeAck(ResultCode.FUNCTION_NOT_POSSIBLE.code()));
        }
    }

    // ---- Registration 06 00 ([ZVT-SPEC] §2.1): 80 00 00, then 06 0F with status byte and TID ----
    private void register(Registration r) {
        if (!profile.password().equals(r.password6())) {
            link.send(Apdu.negativeAck(ResultCode.PROTOCOL_ERROR.code()));
            return;
        }
        configByte = r.configByte();
        link.send(Apdu.POSITIVE_ACK);
        sendAwaitingAck(Completion.withTid(0x00, Integer.parseInt(profile.terminalId()), r.currencyCode()).toApdu(),
                "Completion of Registration");
    }

    // ---- Authorization 06 01 ([ZVT-SPEC] §2.2) ----
    private void authorize(Authorization a) {
        link.send(Apdu.POSITIVE_ACK);
        CardProfile card = presentedCard.get();
        if (card == null) {
            intermediate(0x0A);
            finishFailed(ResultCode.ABORT_TIMEOUT_OR_KEY.code(), "no card presented");
            return;
        }
        if (!signedOn && !signOn()) {
            finishFailed(ResultCode.NO_CONNECTION.code(), "host not reachable for sign-on");
            return;
        }
        intermediate(0x04);
        String stan = state.nextStan();
        ZonedDateTime now = clock.nowZoned();
        ISOMsg sale = new ISOMsg();
        try {
            sale.setMTI("0200");
            sale.set(2, card.pan());
            sale.set(3, "000000");
            sale.set(4, String.format("%012d", a.amountMinor()));
            sale.set(11, stan);
            sale.set(12, now.format(HHMMSS));
            sale.set(13, now.format(MMDD));
            sale.set(14, card.expiry());
            sale.set(22, "051");
            sale.set(25, "00");
            sale.set(41, profile.terminalId());
            sale.set(42, profile.merchantId());
            sale.set(49, String.format("%03d", a.currencyCode() == null ? profile.currency() : a.currencyCode()));
        } catch (ISOException e) {
            throw new IllegalStateException("cannot build the 0200: " + e.getMessage(), e);
        }
        // store the reversal before the financial message leaves (protocols.md D.2)
        state.storeReversal(new TerminalState.PendingReversal(stan, a.amountMinor(), "98", card.maskedPan()));
        IsoTerminalClient.Exchange ex = host.exchange(sale, profile.hostTimeout());
        if (ex.response().isEmpty()) {
            reverseNow(ex.timedOut() ? "98" : "06");
            finishFailed(ex.timedOut() ? ResultCode.REMOTE_NOT_RESPONDING.code() : ResultCode.NO_CONNECTION.code(),
                    ex.failure());
            return;
        }
        state.clearReversal();
        ISOMsg resp = ex.response().get();
        String de39 = resp.getString(39);
        boolean approved = "00".equals(de39);
        int rc = approved ? 0 : ResultCode.fromHostResponseCode(de39);
        int receiptNo = state.nextReceiptNo();
        String rrn = resp.getString(37);
        int currency = a.currencyCode() == null ? profile.currency() : a.currencyCode();
        StatusInformation si = StatusInformation.builder()
                .resultCode(rc)
                .amountMinor(a.amountMinor())
                .currency(currency)
                .time(now.toLocalTime().withNano(0))
                .date(MonthDay.from(now))
                .maskedPan(card.maskedPan())
                .receiptNo(receiptNo)
                .trace(Integer.parseInt(stan))
                .paymentType(0x60)
                .terminalId(Integer.parseInt(profile.terminalId()))
                .cardType(card.zvtCardType())
                .additionalText(approved ? "AUTH " + resp.getString(38) + " RRN " + rrn : "DECLINED " + de39)
                .build();
        if (approved) {
            state.addToBatch(new TerminalState.BatchEntry(stan, rrn, a.amountMinor(), card.maskedPan(), receiptNo));
            state.storeReversal(new TerminalState.PendingReversal(stan, a.amountMinor(), "17", card.maskedPan()));
        }
        boolean kept = sendAwaitingAck(si.toApdu(), "Status-Information");
        List<String> receipt = receipt(a.amountMinor(), card, stan, receiptNo, approved, de39, resp.getString(38));
        if (kept) {
            kept = printReceipt(receipt);
        }
        if (approved && !kept) {
            // [ZVT-SPEC] §2.2.8: the payment may be stored only after the register acknowledged it
            events.record("terminal", "auto-reversal", Map.of("stan", stan,
                    "why", "the register did not acknowledge the result or a print line"));
            state.removeFromBatch(stan);
            reverseNow("17");
            finishFailed(ResultCode.ABORT_TIMEOUT_OR_KEY.code(), "auto-reversed: result not acknowledged by the register");
            return;
        }
        if (approved) {
            state.clearReversal();
            sendAwaitingAck(Completion.plain().toApdu(), "Completion");
        } else {
            sendAwaitingAck(new AbortFromPt(rc).toApdu(), "Abort");
        }
    }

    private boolean signOn() {
        ISOMsg m = new ISOMsg();
        try {
            m.setMTI("0800");
            m.set(11, state.nextStan());
            m.set(41, profile.terminalId());
            m.set(42, profile.merchantId());
            m.set(70, "001");
        } catch (ISOException e) {
            throw new IllegalStateException(e);
        }
        IsoTerminalClient.Exchange ex = host.exchange(m, profile.hostTimeout());
        if (ex.response().isPresent() && "00".equals(ex.response().get().getString(39))) {
            signedOn = true;
            String batch = ex.response().get().getString(60);
            if (batch != null && batch.matches("[0-9]{1,6}") && state.image().openBatch().isEmpty()) {
                state.setBatchNo(Integer.parseInt(batch));
            }
            events.record("terminal", "signed-on", Map.of("batch", state.image().batchNo()));
            return true;
        }
        events.record("terminal", "sign-on-failed", Map.of("why", ex.response().map(r -> "DE39 " + r.getString(39))
                .orElse(String.valueOf(ex.failure()))));
        return false;
    }

    /**
     * Sends the stored reversal, retrying until the host acknowledges it (3 tries now; a reversal still pending stays
     * stored). The 0400 carries no card data (no DE2/DE14/DE35, as CUP terminals strip them): the host matches it by
     * TID and the original STAN in DE11/DE90, and the stored reversal never holds a full PAN.
     */
    private void reverseNow(String reason) {
        TerminalState.PendingReversal r = state.image().pendingReversal();
        if (r == null) {
            return;
        }
        intermediate(0x05);
        for (int attempt = 1; attempt <= 3; attempt++) {
            ISOMsg m = new ISOMsg();
            try {
                m.setMTI("0400");
                m.set(3, "000000");
                m.set(4, String.format("%012d", r.amountMinor()));
                m.set(11, r.stan());
                m.set(22, "051");
                m.set(25, "00");
                m.set(39, reason);
                m.set(41, profile.terminalId());
                m.set(42, profile.merchantId());
                m.set(49, String.format("%03d", profile.currency()));
                m.set(90, "0200" + r.stan() + "0000000000" + "0".repeat(22));
            } catch (ISOException e) {
                throw new IllegalStateException(e);
            }
            IsoTerminalClient.Exchange ex = host.exchange(m, profile.hostTimeout());
            if (ex.response().isPresent() && "00".equals(ex.response().get().getString(39))) {
                state.clearReversal();
                events.record("terminal", "reversal-acknowledged", Map.of("stan", r.stan(), "attempt", attempt));
                return;
            }
        }
        events.record("terminal", "reversal-pending", Map.of("stan", r.stan(),
                "why", "the host did not acknowledge the reversal; it stays stored and goes before the next sale"));
    }

    // ---- End-of-Day 06 50 ([ZVT-SPEC] §2.16) ----
    private void endOfDay(EndOfDay e) {
        if (!profile.password().equals(e.password6())) {
            link.send(Apdu.negativeAck(ResultCode.PROTOCOL_ERROR.code()));
            return;
        }
        link.send(Apdu.POSITIVE_ACK);
        if (!signedOn && !signOn()) {
            finishFailed(ResultCode.NO_CONNECTION.code(), "host not reachable for sign-on");
            return;
        }
        TerminalState.Image img = state.image();
        long total = img.openBatch().stream().mapToLong(TerminalState.BatchEntry::amountMinor).sum();
        int count = img.openBatch().size();
        ISOMsg m = new ISOMsg();
        try {
            m.setMTI("0500");
            m.set(11, state.nextStan());
            m.set(41, profile.terminalId());
            m.set(42, profile.merchantId());
            m.set(60, String.format("%06d", img.batchNo()));
            m.set(74, "0000000000");
            m.set(76, String.format("%010d", count));
            m.set(86, "0".repeat(16));
            m.set(88, String.format("%016d", total));
        } catch (ISOException ex) {
            throw new IllegalStateException(ex);
        }
        intermediate(0x04);
        IsoTerminalClient.Exchange ex = host.exchange(m, profile.hostTimeout());
        String de39 = ex.response().map(r -> r.getString(39)).orElse(null);
        if ("00".equals(de39)) {
            state.closeBatch();
            StatusInformation si = StatusInformation.builder()
                    .resultCode(0)
                    .amountMinor(total)
                    .totals(totals(img))
                    .build();
            sendAwaitingAck(si.toApdu(), "End-of-Day Status-Information");
            printReceipt(List.of("END OF DAY  BATCH " + String.format("%06d", img.batchNo()),
                    "SALES " + count + "  TOTAL " + money(total), "SETTLEMENT ACCEPTED"));
            sendAwaitingAck(Completion.plain().toApdu(), "Completion");
        } else {
            events.record("terminal", "batch-still-open", Map.of("count", count, "total", total,
                    "why", de39 == null ? String.valueOf(ex.failure()) : "0510 DE39 " + de39));
            finishFailed(ResultCode.OPEN_END_OF_DAY_BATCH.code(), de39 == null ? ex.failure() : "settlement DE39 " + de39);
        }
    }

    private List<String> receipt(long amount, CardProfile card, String stan, int receiptNo, boolean approved,
                                 String de39, String authCode) {
        List<String> lines = new ArrayList<>();
        lines.add("FIRSTSETTLE EMULATED PT");
        lines.add("TID " + profile.terminalId() + " MID " + profile.merchantId());
        lines.add("SALE " + money(amount) + " " + currencyName());
        lines.add("CARD " + card.maskedPan() + " " + card.scheme());
        lines.add("TRACE " + stan + " RECEIPT " + String.format("%04d", receiptNo));
        lines.add(approved ? "APPROVED AUTH " + authCode : "DECLINED " + de39);
        return lines;
    }

    /** Print lines to the register when it prints via 06 D1 (config bits 1 and 7), else on the terminal's paper. */
    private boolean printReceipt(List<String> lines) {
        int cfg = configByte == null ? 0 : configByte;
        if ((cfg & 0x02) != 0 && (cfg & 0x80) != 0) {
            for (String line : lines) {
                if (!sendAwaitingAck(new PrintLine(0x00, line, charset).toApdu(), "Print Line")) {
                    return false;
                }
            }
            return true;
        }
        synchronized (this) {
            ownPaper.addAll(lines);
        }
        events.record("terminal", "printed-own-paper", Map.of("lines", String.join(" | ", lines)));
        return true;
    }

    private void intermediate(int code) {
        int cfg = configByte == null ? 0 : configByte;
        if ((cfg & 0x08) != 0) {
            sendAwaitingAck(new IntermediateStatus(code, null).toApdu(), "Intermediate Status");
        }
    }

    private void finishFailed(int rc, String why) {
        events.record("terminal", "payment-failed", Map.of("resultCode", String.format("%02X", rc), "why", why));
        StatusInformation si = StatusInformation.builder()
                .resultCode(rc)
                .terminalId(Integer.parseInt(profile.terminalId()))
                .additionalText(why == null ? ResultCode.meaning(rc) : why)
                .build();
        sendAwaitingAck(si.toApdu(), "Status-Information");
        sendAwaitingAck(new AbortFromPt(rc).toApdu(), "Abort");
    }

    /** PT -> ECR command, then wait T3 for the register's 80 00 00. */
    private boolean sendAwaitingAck(Apdu apdu, String what) {
        link.send(apdu);
        Optional<Apdu> answer = link.receive(t3);
        if (answer.isEmpty()) {
            events.record("terminal", "ecr-silent", Map.of("after", what, "t3Ms", t3.toMillis()));
            return false;
        }
        ZvtMessage m = ZvtMessages.decode(answer.get());
        return m instanceof Acknowledgement ack && ack.isPositive();
    }

    private void safeSend(Apdu apdu) {
        try {
            link.send(apdu);
        } catch (RuntimeException ignored) {
            // the line is already broken; the failure was recorded
        }
    }

    /** BMP 60 individual totals of the batch, per card family ([ZVT-SPEC] §3.1.3). */
    private static Totals totals(TerminalState.Image img) {
        Map<CardFamily, long[]> sums = new EnumMap<>(CardFamily.class);
        int from = Integer.MAX_VALUE;
        int to = 0;
        for (TerminalState.BatchEntry e : img.openBatch()) {
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

    private String currencyName() {
        return profile.currency() == 978 ? "EUR" : profile.currency() == 156 ? "CNY" : String.valueOf(profile.currency());
    }

    private static String money(long minor) {
        return String.format("%d.%02d", minor / 100, minor % 100);
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
    }
}
