package io.firstsettle.emulator;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.message.AbortFromEcr;
import io.firstsettle.ecr.zvt.message.AbortFromPt;
import io.firstsettle.ecr.zvt.message.Acknowledgement;
import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.message.CardFamily;
import io.firstsettle.ecr.zvt.message.CardTotal;
import io.firstsettle.ecr.zvt.message.Completion;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.message.Initialisation;
import io.firstsettle.ecr.zvt.message.LogOff;
import io.firstsettle.ecr.zvt.message.TextBlockReceipt;
import io.firstsettle.ecr.zvt.message.StatusEnquiry;
import io.firstsettle.ecr.zvt.message.TerminalStatusCode;
import io.firstsettle.ecr.zvt.message.IntermediateStatus;
import io.firstsettle.ecr.zvt.message.PrintLine;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.message.ResultCode;
import io.firstsettle.ecr.zvt.message.StatusInformation;
import io.firstsettle.ecr.zvt.message.Totals;
import io.firstsettle.ecr.zvt.link.ZvtLinkException;
import io.firstsettle.ecr.zvt.message.ZvtMessage;
import io.firstsettle.ecr.zvt.message.ZvtMessages;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import org.jpos.iso.ISOMsg;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A software POS terminal (PT) that serves ZVT to a cash register on one end of a line and speaks ISO 8583 to an
 * acquirer host on the other. Without {@link Defect}s it behaves like a correct device:
 * <ul>
 *   <li>factory-new until it signs on (0800, on Initialisation 06 93 or at first need) and learns the batch number;
 *       a payment it cannot sign on for fails with A3 (no connection), never pretends;</li>
 *   <li>keeps STAN, receipt and batch numbers, the open batch and a stored reversal in {@link TerminalState};</li>
 *   <li>stores a reversal before each 0200; when the host does not answer within the profile's host timeout it tells
 *       the register A1 and sends the 0400 at once, retries it (a series of {@value #REVERSAL_ATTEMPTS} now, then one
 *       attempt every {@link #REVERSAL_RETRY_INTERVAL} of lab time while idle) and always before the next financial
 *       message; a late 0210 arrives on a closed connection and is ignored;</li>
 *   <li>keeps a payment only once the register acknowledged the 04 0F and every print line, and reverses it
 *       otherwise ([ZVT-SPEC] §2.2.8); reverses an approved payment the register aborted (06 B0);</li>
 *   <li>End-of-Day sends 0500 with the open batch's count and total; on 95 uploads the batch (0320) and sends the 0500
 *       again; refused or unreachable: the batch stays open and the register gets F0.</li>
 * </ul>
 * Every decision is recorded as an event with source "terminal".
 */
public final class EmulatedTerminal implements AutoCloseable {
    static final int REVERSAL_ATTEMPTS = 3;
    static final Duration REVERSAL_RETRY_INTERVAL = Duration.ofSeconds(60);
    private static final Duration REVERSAL_PAUSE = Duration.ofSeconds(2);
    private static final int PAYMENT_TYPE_PT_DECIDES = 0x60;
    private static final int LOG_OFF_CONFIG = 0x86;

    private final ApduLink link;
    private final TerminalProfile profile;
    private final IsoTerminalClient host;
    private final TerminalState state;
    private final LabClock clock;
    private final EventSink events;
    private final Set<Defect> defects;
    private final IsoRequests iso;
    private final Duration t3;
    private final Charset charset;
    private final AtomicReference<CardProfile> presentedCard = new AtomicReference<>();
    private final List<String> ownPaper = new ArrayList<>();
    private final RegisterTlv tlv;
    private final Thread worker;
    private volatile boolean running = true;
    private volatile boolean signedOn;
    private volatile Integer configByte;
    private volatile boolean abortRequested;
    private volatile boolean inAuthorization;
    /** Defect REPEATED_FRAME_CHARGES_TWICE: the register's repeated sale frame, taken for a second sale. */
    private volatile Authorization repeatedSale;
    private TerminalState.PendingReversal ramReversal;
    private int ramStan;
    private Instant lastReversalSeries = Instant.MIN;

    public EmulatedTerminal(ApduLink link, TerminalProfile profile, IsoTerminalClient host, TerminalState state,
                            LabClock clock, EventSink events) {
        this(link, profile, host, state, clock, events, Set.of());
    }

    /** A terminal with the given firmware defects (empty: a correct terminal). */
    public EmulatedTerminal(ApduLink link, TerminalProfile profile, IsoTerminalClient host, TerminalState state,
                            LabClock clock, EventSink events, Set<Defect> defects) {
        this.link = link;
        this.profile = profile;
        this.host = host;
        this.state = state;
        this.clock = clock;
        this.events = events;
        this.defects = defects.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(defects));
        this.iso = new IsoRequests(profile);
        this.t3 = Duration.ofMillis(profile.t3Millis());
        this.charset = Charset.forName(profile.charset());
        this.tlv = new RegisterTlv(events);
        this.worker = new Thread(this::serve, "emulated-terminal-" + profile.terminalId());
        this.worker.setDaemon(true);
    }

    public EmulatedTerminal start() {
        worker.start();
        events.record("terminal", "started", Map.of("tid", profile.terminalId(), "line", link.name(),
                "host", host.address(), "factoryNew", state.image().factoryNew(),
                "defects", defects.stream().map(Enum::name).sorted().toList()));
        return this;
    }

    /** The emulated cardholder presents this card at the next payment. */
    public void presentCard(CardProfile card) {
        presentedCard.set(card);
        events.record("terminal", "card-presented", Map.of("card", card.name(), "pan", card.maskedPan()));
    }

    /** Receipts the terminal printed on its own paper (when the register does not print). */
    public synchronized List<String> ownPaper() {
        return List.copyOf(ownPaper);
    }

    public TerminalState state() {
        return state;
    }

    public Set<Defect> defects() {
        return defects;
    }

    /** Whether the terminal signed on to the host since it started. */
    public boolean signedOn() {
        return signedOn;
    }

    /** The reversal the terminal still has to deliver, if any (RAM-only under {@link Defect#REVERSAL_NOT_PERSISTED}). */
    public synchronized Optional<TerminalState.PendingReversal> pendingReversal() {
        return Optional.ofNullable(has(Defect.REVERSAL_NOT_PERSISTED) ? ramReversal : state.image().pendingReversal());
    }

    private boolean has(Defect d) {
        return defects.contains(d);
    }

    private void decide(String kind, Map<String, ?> fields) {
        events.record("terminal", kind, fields);
    }

    // ---- the ZVT server loop ----
    private void serve() {
        while (running) {
            Optional<Apdu> next;
            try {
                next = link.receive(Duration.ofMillis(100));
            } catch (ZvtLinkException e) {
                if (running) {
                    decide("line-lost", Map.of("error", String.valueOf(e.getMessage())));
                }
                return;
            }
            try {
                Optional<byte[]> bad = link.takeMalformed();
                if (bad.isPresent()) {
                    decide("malformed-command", Map.of("bytes", io.firstsettle.core.Hex.format(bad.get()),
                            "answer", "84 9A"));
                    link.send(Apdu.negativeAck(ResultCode.PROTOCOL_ERROR.code()));
                }
                if (next.isEmpty()) {
                    retryReversalWhenIdle();
                    continue;
                }
                handle(ZvtMessages.decode(next.get()), next.get());
            } catch (io.firstsettle.ecr.zvt.codec.ZvtFormatException e) {
                // a well-framed command whose content does not parse: say so, like a terminal does ([ZVT-SPEC] ch.10)
                decide("malformed-command", Map.of("error", String.valueOf(e.getMessage()), "answer", "84 9A"));
                safeSend(Apdu.negativeAck(ResultCode.PROTOCOL_ERROR.code()));
            } catch (ZvtLinkException e) {
                decide("line-error", Map.of("error", String.valueOf(e.getMessage())));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                decide("internal-error", Map.of("error", String.valueOf(e)));
                safeSend(Apdu.negativeAck(ResultCode.SYSTEM_ERROR.code()));
            }
        }
    }

    private void handle(ZvtMessage m, Apdu raw) {
        if (m instanceof Registration r) {
            register(r);
        } else if (m instanceof Initialisation i) {
            initialise(i);
        } else if (m instanceof Authorization a) {
            authorize(a);
        } else if (m instanceof EndOfDay e) {
            endOfDay(e);
        } else if (m instanceof StatusEnquiry q) {
            statusEnquiry(q);
        } else if (m instanceof io.firstsettle.ecr.zvt.message.LogOff) {
            // [ZVT-SPEC] §2.24: 80 00 00 and the config byte goes back to its default; this terminal then wants a
            // fresh Registration before it takes a payment (a bench's "factory-new" state, lab-setup.md)
            configByte = null;
            tlv.logOff();
            decide("logged-off", Map.of());
            link.send(Apdu.POSITIVE_ACK);
        } else if (m instanceof io.firstsettle.ecr.zvt.message.Diagnosis) {
            diagnosis();
        } else if (m instanceof AbortFromEcr) {
            decide("abort-refused", Map.of("why", "no authorization is running"));
            link.send(Apdu.negativeAck(ResultCode.FUNCTION_NOT_POSSIBLE.code()));
        } else if (m instanceof Acknowledgement) {
            decide("stray-ack", Map.of("apdu", raw.toString()));
        } else {
            decide("unsupported-command", Map.of("apdu", raw.toString()));
            link.send(Apdu.negativeAck(ResultCode.FUNCTION_NOT_POSSIBLE.code()));
        }
    }

    /** Refuses a command with 84 xx; true when refused. */
    private boolean refuse(boolean condition, ResultCode rc, String command, String why) {
        if (condition) {
            decide("command-refused", Map.of("command", command, "resultCode", String.format("%02X", rc.code()),
                    "why", why));
            link.send(Apdu.negativeAck(rc.code()));
        }
        return condition;
    }

    private boolean wrongPassword(String given, String command) {
        return refuse(!profile.password().equals(given), ResultCode.PROTOCOL_ERROR, command,
                "wrong password");
    }

    private boolean notRegistered(String command) {
        return refuse(configByte == null, ResultCode.FUNCTION_DEACTIVATED, command,
                "the register has not sent Registration 06 00 since the terminal started");
    }

    // ---- Registration 06 00 ([ZVT-SPEC] §2.1): 80 00 00, then 06 0F with status byte and TID ----
    private void register(Registration r) {
        if (wrongPassword(r.password6(), "Registration")) {
            return;
        }
        configByte = r.configByte();
        tlv.registration(r);
        decide("registered", Map.of("configByte", String.format("%02X", r.configByte()),
                "ecrPrints", ecrPrints()));
        link.send(Apdu.POSITIVE_ACK);
        sendAwaitingAck(Completion.withTid(0x00, Integer.parseInt(profile.terminalId()), r.currencyCode()).toApdu(),
                "Completion of Registration");
    }

    /** Software version this emulated terminal reports in the Status-Enquiry answer. */
    public static final String SOFTWARE_VERSION = "FS-EMU 0.1.0";

    // ---- Status Enquiry 05 01 ([ZVT-SPEC] §2.56): 80 00 00, then 06 0F with SW version and terminal status ----
    private void statusEnquiry(StatusEnquiry q) {
        tlv.command("Status-Enquiry", Optional.ofNullable(q.tlv()));
        link.send(Apdu.POSITIVE_ACK);
        int status;
        if (!state.image().openBatch().isEmpty()) {
            status = TerminalStatusCode.RECONCILIATION_REQUIRED.code();
        } else if (configByte == null || !signedOn && state.image().factoryNew()) {
            status = TerminalStatusCode.INITIALISATION_REQUIRED.code();
        } else {
            status = TerminalStatusCode.READY.code();
        }
        decide("status-enquiry", Map.of("terminalStatus", String.format("%02X", status),
                "openBatch", state.image().openBatch().size()));
        sendAwaitingAck(Completion.statusEnquiryAnswer(SOFTWARE_VERSION, status).toApdu(), "Status-Enquiry Completion");
    }

    // ---- Initialisation 06 93 ([ZVT-SPEC] §2.18): sign-on and parameters from the host ----
    private void initialise(Initialisation i) {
        if (wrongPassword(i.password6(), "Initialisation")) {
            return;
        }
        link.send(Apdu.POSITIVE_ACK);
        intermediate(0x17);
        if (!signOn()) {
            finishFailed(connectionFailure(false), "initialisation: the host did not accept the sign-on");
            return;
        }
        sendAwaitingAck(StatusInformation.builder().resultCode(0)
                .terminalId(Integer.parseInt(profile.terminalId()))
                .additionalText("INITIALISED BATCH " + String.format("%06d", state.image().batchNo())).build().toApdu(),
                "Status-Information");
        sendAwaitingAck(Completion.plain().toApdu(), "Completion");
    }

    // ---- Diagnosis 06 70 ([ZVT-SPEC] §2.17): the PT contacts its host ----
    private void diagnosis() {
        link.send(Apdu.POSITIVE_ACK);
        if (!signOn()) {
            finishFailed(connectionFailure(false), "diagnosis: the host did not answer the sign-on");
            return;
        }
        sendAwaitingAck(Completion.plain().toApdu(), "Completion");
    }

    private boolean ensureSignedOn() {
        if (signedOn) {
            return true;
        }
        if (has(Defect.SKIPS_SIGN_ON)) {
            decide("sign-on-skipped", Map.of("defect", Defect.SKIPS_SIGN_ON.name()));
            return true;
        }
        return signOn();
    }

    private boolean signOn() {
        IsoTerminalClient.Exchange ex = host.exchange(iso.signOn(nextStan()), profile.hostTimeout());
        if (ex.response().isPresent() && "00".equals(ex.response().get().getString(39))) {
            signedOn = true;
            String batch = ex.response().get().getString(60);
            if (batch != null && batch.matches("[0-9]{1,6}") && state.image().openBatch().isEmpty()) {
                state.setBatchNo(Integer.parseInt(batch));
            }
            decide("signed-on", Map.of("batch", state.image().batchNo()));
            return true;
        }
        decide("sign-on-failed", Map.of("why", ex.response().map(r -> "DE39 " + r.getString(39))
                .orElse(String.valueOf(ex.failure()))));
        return false;
    }

    // ---- Authorization 06 01 ([ZVT-SPEC] §2.2) ----
    private void authorize(Authorization a) {
        tlv.command("Authorization", a.tlv());
        if (notRegistered("Authorization")
                || refuse(a.amountMinor() == 0, ResultCode.FUNCTION_NOT_POSSIBLE, "Authorization", "amount 0")
                || refuse(a.currencyCode() != null && a.currencyCode() != profile.currency(),
                ResultCode.WRONG_CURRENCY, "Authorization", "currency " + a.currencyCode()
                        + " is not the terminal's " + profile.currency())) {
            return;
        }
        link.send(Apdu.POSITIVE_ACK);
        abortRequested = false;
        repeatedSale = null;
        inAuthorization = true;
        try {
            authorizeAcknowledged(a);
        } finally {
            inAuthorization = false;
        }
    }

    private void authorizeAcknowledged(Authorization a) {
        CardProfile card = presentedCard.get();
        if (card == null) {
            intermediate(0x0A);
            finishFailed(ResultCode.ABORT_TIMEOUT_OR_KEY.code(), "no card presented");
            return;
        }
        decide("card-read", Map.of("card", card.name(), "pan", card.maskedPan(), "scheme", card.scheme(),
                "pin", card.pinRequired()));
        if (!ensureSignedOn()) {
            finishFailed(connectionFailure(false), "host not reachable for sign-on");
            return;
        }
        if (!flushPendingReversal()) {
            finishFailed(connectionFailure(true), "a stored reversal is still not acknowledged by the host");
            return;
        }
        intermediate(0x04);
        ZonedDateTime now = clock.nowZoned();
        int currency = a.currencyCode() == null ? profile.currency() : a.currencyCode();
        long hostAmount = has(Defect.AMOUNT_SCALE_ERROR) ? a.amountMinor() * 100 : a.amountMinor();
        String stan = nextStan();
        storeReversal(new TerminalState.PendingReversal(stan, hostAmount, "98", card.maskedPan()));
        Duration timeout = has(Defect.ACCEPTS_LATE_RESPONSE) ? profile.hostTimeout().multipliedBy(4)
                : profile.hostTimeout();
        IsoTerminalClient.Exchange ex = host.exchange(iso.sale(card, hostAmount, stan, now, currency), timeout);
        if (ex.response().isEmpty() && ex.timedOut() && has(Defect.DOUBLE_SUBMIT)) {
            clearReversal();
            stan = nextStan();
            decide("resubmitted", Map.of("defect", Defect.DOUBLE_SUBMIT.name(), "newStan", stan));
            storeReversal(new TerminalState.PendingReversal(stan, hostAmount, "98", card.maskedPan()));
            ex = host.exchange(iso.sale(card, hostAmount, stan, now, currency), timeout);
        }
        if (ex.response().isEmpty()) {
            noAnswer(a, card, stan, now, currency, ex);
            return;
        }
        clearReversal();
        ISOMsg resp = ex.response().get();
        String de39 = resp.getString(39);
        boolean approved = "00".equals(de39);
        if (pollAbort()) {
            aborted(stan, hostAmount, card, approved);
            return;
        }
        boolean shownApproved = approved;
        if (!approved && has(Defect.IGNORES_DECLINE) && ("91".equals(de39) || "96".equals(de39))) {
            decide("decline-ignored", Map.of("defect", Defect.IGNORES_DECLINE.name(), "de39", de39));
            shownApproved = true;
        }
        if (approved && repeatedSale != null) {
            chargeRepeat(card, hostAmount, now, currency);
        }
        int rc = shownApproved ? 0 : declineCode(de39);
        decide(approved ? "approved" : "declined", Map.of("stan", stan, "de39", String.valueOf(de39),
                "resultCode", String.format("%02X", rc)));
        report(a, card, stan, now, currency, shownApproved, approved, rc, de39, resp.getString(38),
                resp.getString(37), hostAmount);
    }

    private void noAnswer(Authorization a, CardProfile card, String stan, ZonedDateTime now, int currency,
                          IsoTerminalClient.Exchange ex) {
        if (has(Defect.APPROVED_ON_TIMEOUT)) {
            clearReversal();
            decide("approved-without-answer", Map.of("defect", Defect.APPROVED_ON_TIMEOUT.name(), "stan", stan));
            report(a, card, stan, now, currency, true, true, 0, "00", "000000", null, a.amountMinor());
            return;
        }
        if (has(Defect.NO_REVERSAL_ON_TIMEOUT)) {
            clearReversal();
            decide("reversal-skipped", Map.of("defect", Defect.NO_REVERSAL_ON_TIMEOUT.name(), "stan", stan));
        } else {
            decide("reversing", Map.of("stan", stan, "why", String.valueOf(ex.failure())));
            reverseNow();
        }
        finishFailed(connectionFailure(ex.timedOut()), ex.failure());
    }

    /** The register aborted (06 B0) while the host decided: an approved sale is reversed, then 06 1E 6C. */
    private void aborted(String stan, long hostAmount, CardProfile card, boolean approved) {
        decide("aborted-by-register", Map.of("stan", stan, "hostApproved", approved));
        if (approved) {
            storeReversal(new TerminalState.PendingReversal(stan, hostAmount, "17", card.maskedPan()));
            reverseNow();
        }
        sendAwaitingAck(new AbortFromPt(ResultCode.ABORT_TIMEOUT_OR_KEY.code()).toApdu(), "Abort");
    }

    /** 04 0F, receipts, then 06 0F (approved) or 06 1E (declined); reverses what the register did not take. */
    private void report(Authorization a, CardProfile card, String stan, ZonedDateTime now, int currency,
                        boolean shownApproved, boolean hostApproved, int rc, String de39, String authCode, String rrn,
                        long hostAmount) {
        int receiptNo = state.nextReceiptNo();
        StatusInformation si = StatusInformation.builder()
                .resultCode(rc)
                .amountMinor(a.amountMinor())
                .currency(currency)
                .time(now.toLocalTime().withNano(0))
                .date(MonthDay.from(now))
                .maskedPan(card.maskedPan())
                .receiptNo(receiptNo)
                .trace(Integer.parseInt(stan))
                .paymentType(a.paymentType() == null ? PAYMENT_TYPE_PT_DECIDES : a.paymentType())
                .terminalId(Integer.parseInt(profile.terminalId()))
                .cardType(card.zvtCardType())
                .additionalText(shownApproved ? "AUTH " + authCode + " RRN " + rrn
                        : "DECLINED " + de39 + " " + DeclineReason.of(de39))
                .build();
        if (shownApproved) {
            state.addToBatch(new TerminalState.BatchEntry(stan, rrn, a.amountMinor(), card.maskedPan(), receiptNo));
        }
        if (hostApproved && rrn != null) {
            storeReversal(new TerminalState.PendingReversal(stan, hostAmount, "17", card.maskedPan()));
        }
        boolean kept = sendAwaitingAck(si.toApdu(), "Status-Information");
        if (kept) {
            kept = printReceipt(paymentReceipt("CUSTOMER COPY", a.amountMinor(), card, stan, receiptNo, shownApproved,
                    de39, authCode))
                    && printReceipt(paymentReceipt("MERCHANT COPY", a.amountMinor(), card, stan, receiptNo,
                    shownApproved, de39, authCode));
        }
        if (shownApproved && !kept) {
            if (has(Defect.NO_AUTO_REVERSAL_ON_UNACKED_RESULT)) {
                decide("kept-unacknowledged-payment", Map.of("defect",
                        Defect.NO_AUTO_REVERSAL_ON_UNACKED_RESULT.name(), "stan", stan));
                clearReversal();
                sendAwaitingAck(Completion.plain().toApdu(), "Completion");
                return;
            }
            // [ZVT-SPEC] §2.2.8: the payment may be stored only after the register acknowledged it
            decide("auto-reversal", Map.of("stan", stan,
                    "why", "the register did not acknowledge the result or a print line"));
            state.removeFromBatch(stan);
            reverseNow();
            finishFailed(ResultCode.ABORT_TIMEOUT_OR_KEY.code(), "auto-reversed: result not acknowledged by the register");
            return;
        }
        if (shownApproved) {
            clearReversal();
            sendAwaitingAck(Completion.plain().toApdu(), "Completion");
        } else {
            sendAwaitingAck(new AbortFromPt(rc).toApdu(), "Abort");
        }
    }

    /** ZVT result code for a host decline: DE39 01..99 as a binary byte ([ZVT-SPEC] ch.10), A8 as E4. */
    private int declineCode(String de39) {
        int rc;
        if (de39 != null && de39.matches("[0-9]{2}") && !"00".equals(de39)) {
            rc = ResultCode.fromHostResponseCode(de39);
        } else if ("A8".equals(de39)) {
            rc = ResultCode.ACTIVATION_REQUIRED.code();
        } else {
            rc = ResultCode.SYSTEM_ERROR.code();
        }
        if (has(Defect.MAINTENANCE_MISREPORTED) && "91".equals(de39)) {
            decide("reason-misreported", Map.of("defect", Defect.MAINTENANCE_MISREPORTED.name(), "de39", de39));
            return ResultCode.SYSTEM_ERROR.code();
        }
        return rc;
    }

    /** A1 when the host did not answer in time, A3 when it could not be reached. */
    private int connectionFailure(boolean timedOut) {
        if (has(Defect.MAINTENANCE_MISREPORTED)) {
            decide("reason-misreported", Map.of("defect", Defect.MAINTENANCE_MISREPORTED.name()));
            return ResultCode.SYSTEM_ERROR.code();
        }
        return timedOut ? ResultCode.REMOTE_NOT_RESPONDING.code() : ResultCode.NO_CONNECTION.code();
    }

    // ---- reversals ----
    private synchronized void storeReversal(TerminalState.PendingReversal r) {
        if (has(Defect.REVERSAL_NOT_PERSISTED)) {
            ramReversal = r;
        } else {
            state.storeReversal(r);
        }
    }

    private synchronized void clearReversal() {
        if (has(Defect.REVERSAL_NOT_PERSISTED)) {
            ramReversal = null;
        } else if (state.image().pendingReversal() != null) {
            state.clearReversal();
        }
    }

    /** Before any financial message: a stored reversal goes first. False when it is still not acknowledged. */
    private boolean flushPendingReversal() {
        if (pendingReversal().isEmpty()) {
            return true;
        }
        decide("reversal-before-financial", Map.of("stan", pendingReversal().get().stan()));
        return reverseNow();
    }

    private void retryReversalWhenIdle() {
        if (pendingReversal().isEmpty()) {
            return;
        }
        Instant now = clock.now();
        if (lastReversalSeries != Instant.MIN && now.isBefore(lastReversalSeries.plus(REVERSAL_RETRY_INTERVAL))) {
            return;
        }
        decide("reversal-retry-idle", Map.of("stan", pendingReversal().get().stan()));
        attemptReversal(1);
    }

    /** Sends the stored reversal at once, up to {@value #REVERSAL_ATTEMPTS} tries; true when acknowledged. */
    private boolean reverseNow() {
        if (pendingReversal().isEmpty()) {
            return true;
        }
        intermediate(0x05);
        return attemptReversal(has(Defect.REVERSAL_NOT_RETRIED) ? 1 : REVERSAL_ATTEMPTS);
    }

    private boolean attemptReversal(int attempts) {
        TerminalState.PendingReversal r = pendingReversal().orElse(null);
        if (r == null) {
            return true;
        }
        for (int attempt = 1; attempt <= attempts; attempt++) {
            lastReversalSeries = clock.now();
            IsoTerminalClient.Exchange ex = host.exchange(iso.reversal(r), profile.hostTimeout());
            if (ex.response().isPresent() && "00".equals(ex.response().get().getString(39))) {
                clearReversal();
                decide("reversal-acknowledged", Map.of("stan", r.stan(), "attempt", attempt));
                return true;
            }
            if (!ex.timedOut() && attempt < attempts) {
                pause(REVERSAL_PAUSE);
            }
        }
        if (has(Defect.REVERSAL_NOT_RETRIED)) {
            clearReversal();
            decide("reversal-dropped", Map.of("defect", Defect.REVERSAL_NOT_RETRIED.name(), "stan", r.stan()));
            return true;
        }
        decide("reversal-pending", Map.of("stan", r.stan(), "retryEveryLabS", REVERSAL_RETRY_INTERVAL.toSeconds(),
                "why", "the host did not acknowledge the reversal; it stays stored and goes before the next "
                        + "financial message"));
        return false;
    }

    private void pause(Duration lab) {
        try {
            clock.pause(lab);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String nextStan() {
        if (has(Defect.STAN_REUSED_AFTER_RESTART)) {
            synchronized (this) {
                ramStan = ramStan % 999_999 + 1;
                return String.format("%06d", ramStan);
            }
        }
        return state.nextStan();
    }

    // ---- End-of-Day 06 50 ([ZVT-SPEC] §2.16) ----
    private void endOfDay(EndOfDay e) {
        tlv.command("End-of-Day", Optional.ofNullable(e.tlv()));
        if (wrongPassword(e.password6(), "End-of-Day") || notRegistered("End-of-Day")) {
            return;
        }
        link.send(Apdu.POSITIVE_ACK);
        if (!ensureSignedOn()) {
            finishFailed(ResultCode.OPEN_END_OF_DAY_BATCH.code(), "host not reachable for sign-on; the batch stays open");
            return;
        }
        if (!flushPendingReversal()) {
            finishFailed(ResultCode.OPEN_END_OF_DAY_BATCH.code(), "a stored reversal is not acknowledged; the batch "
                    + "stays open");
            return;
        }
        TerminalState.Image img = state.image();
        List<TerminalState.BatchEntry> entries = img.openBatch();
        if (has(Defect.SETTLEMENT_OMITS_FIRST) && !entries.isEmpty()) {
            decide("settlement-omits-first", Map.of("defect", Defect.SETTLEMENT_OMITS_FIRST.name(),
                    "omittedStan", entries.get(0).stan()));
            entries = entries.subList(1, entries.size());
        }
        long total = entries.stream().mapToLong(TerminalState.BatchEntry::amountMinor).sum();
        int count = entries.size();
        intermediate(0x04);
        IsoTerminalClient.Exchange ex = host.exchange(iso.reconcile(nextStan(), img.batchNo(), count, total),
                profile.hostTimeout());
        String de39 = ex.response().map(r -> r.getString(39)).orElse(null);
        if ("95".equals(de39)) {
            decide("reconcile-error", Map.of("count", count, "total", total, "then", "batch upload (0320)"));
            if (uploadBatch(img)) {
                ex = host.exchange(iso.reconcile(nextStan(), img.batchNo(), count, total), profile.hostTimeout());
                de39 = ex.response().map(r -> r.getString(39)).orElse(null);
            }
        }
        if ("00".equals(de39) || has(Defect.OPEN_BATCH_SILENT)) {
            if (!"00".equals(de39)) {
                decide("settlement-failure-hidden", Map.of("defect", Defect.OPEN_BATCH_SILENT.name(),
                        "de39", String.valueOf(de39)));
            }
            state.closeBatch();
            decide("batch-closed", Map.of("batch", img.batchNo(), "count", count, "total", total));
            StatusInformation si = StatusInformation.builder()
                    .resultCode(0)
                    .amountMinor(total)
                    .totals(totals(entries))
                    .build();
            sendAwaitingAck(si.toApdu(), "End-of-Day Status-Information");
            printReceipt(List.of("END OF DAY  BATCH " + String.format("%06d", img.batchNo()),
                    "SALES " + count + "  TOTAL " + money(total) + " " + currencyName(), "SETTLEMENT ACCEPTED"));
            sendAwaitingAck(Completion.plain().toApdu(), "Completion");
        } else {
            String why = de39 == null ? String.valueOf(ex.failure()) : "0510 DE39 " + de39 + " " + DeclineReason.of(de39);
            decide("batch-still-open", Map.of("count", count, "total", total, "why", why));
            printReceipt(List.of("END OF DAY  BATCH " + String.format("%06d", img.batchNo()),
                    "SALES " + count + "  TOTAL " + money(total) + " " + currencyName(), "SETTLEMENT FAILED: " + why,
                    "BATCH STAYS OPEN"));
            finishFailed(ResultCode.OPEN_END_OF_DAY_BATCH.code(), why);
        }
    }

    /** 0320 per sale of the open batch; false when the host refuses one (the host may not support uploads). */
    private boolean uploadBatch(TerminalState.Image img) {
        for (TerminalState.BatchEntry e : img.openBatch()) {
            IsoTerminalClient.Exchange ex = host.exchange(iso.batchUpload(nextStan(), img.batchNo(), e),
                    profile.hostTimeout());
            String de39 = ex.response().map(r -> r.getString(39)).orElse(null);
            if (!"00".equals(de39)) {
                decide("batch-upload-refused", Map.of("stan", e.stan(), "why", de39 == null
                        ? String.valueOf(ex.failure()) : "0330 DE39 " + de39 + " " + DeclineReason.of(de39)));
                return false;
            }
        }
        decide("batch-uploaded", Map.of("count", img.openBatch().size()));
        return true;
    }

    // ---- receipts ----
    private List<String> paymentReceipt(String copy, long amount, CardProfile card, String stan, int receiptNo,
                                        boolean approved, String de39, String authCode) {
        List<String> lines = new ArrayList<>();
        lines.add("FIRSTSETTLE EMULATED PT  " + copy);
        lines.add("TID " + profile.terminalId() + " MID " + profile.merchantId());
        lines.add("SALE " + money(amount) + " " + currencyName());
        lines.add("CARD " + card.maskedPan() + " " + card.scheme());
        lines.add("TRACE " + stan + " RECEIPT " + String.format("%04d", receiptNo));
        lines.add(approved ? "APPROVED AUTH " + authCode : "DECLINED " + de39 + " " + DeclineReason.of(de39));
        return lines;
    }

    private boolean ecrPrints() {
        int cfg = configByte == null ? 0 : configByte;
        return (cfg & 0x02) != 0 && (cfg & 0x80) != 0;
    }

    /**
     * Print lines to the register when it prints via the PT (config bits 1 and 7): 06 D1 lines, or one 06 D3 text
     * block when the profile or the register's permitted commands say so; else on the terminal's paper.
     */
    private boolean printReceipt(List<String> lines) {
        if (ecrPrints() && tlv.textBlocksOr(profile.printsTextBlocks())) {
            // one receipt, one Print Text-Block 06 D3 ([ZVT-SPEC] §3.6)
            return sendAwaitingAck(TextBlockReceipt.encode(lines, charset).toApdu(), "Print Text Block");
        }
        if (ecrPrints()) {
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
        decide("printed-own-paper", Map.of("lines", String.join(" | ", lines)));
        return true;
    }

    // ---- ZVT helpers ----
    private void intermediate(int code) {
        int cfg = configByte == null ? 0 : configByte;
        if ((cfg & 0x08) != 0 && tlv.intermediateStatusPermitted()) {
            sendAwaitingAck(new IntermediateStatus(code, null).toApdu(), "Intermediate Status");
        }
    }

    private void finishFailed(int rc, String why) {
        decide("payment-failed", Map.of("resultCode", String.format("%02X", rc), "why", String.valueOf(why)));
        StatusInformation si = StatusInformation.builder()
                .resultCode(rc)
                .terminalId(Integer.parseInt(profile.terminalId()))
                .additionalText(why == null ? ResultCode.meaning(rc) : why)
                .build();
        sendAwaitingAck(si.toApdu(), "Status-Information");
        sendAwaitingAck(new AbortFromPt(rc).toApdu(), "Abort");
    }

    /** True when the register sent 06 B0 during this authorization (taken from the line now if it is waiting). */
    private boolean pollAbort() {
        if (abortRequested) {
            return true;
        }
        Optional<Apdu> waiting = link.receive(Duration.ZERO);
        if (waiting.isPresent()) {
            ZvtMessage m = ZvtMessages.decode(waiting.get());
            if (m instanceof AbortFromEcr) {
                acceptAbort();
            } else {
                decide("unexpected-during-authorization", Map.of("apdu", waiting.get().toString()));
            }
        }
        return abortRequested;
    }

    private void acceptAbort() {
        if (!profile.abortSupported()) {
            // like terminals that refuse an Abort from the register (protocols.md A.11): the payment goes on
            decide("abort-refused", Map.of("why", "the terminal profile does not support Abort (06 B0)"));
            link.send(Apdu.negativeAck(ResultCode.FUNCTION_NOT_POSSIBLE.code()));
            return;
        }
        decide("abort-received", Map.of("inAuthorization", inAuthorization));
        link.send(Apdu.POSITIVE_ACK);
        abortRequested = true;
    }

    /**
     * Defect REPEATED_FRAME_CHARGES_TWICE: the repeated 06 01 is run as a second sale on the same card, approved by
     * the host and put in the batch, while the register is told about one sale only.
     */
    private void chargeRepeat(CardProfile card, long hostAmount, ZonedDateTime now, int currency) {
        String stan = nextStan();
        decide("repeat-charged", Map.of("defect", Defect.REPEATED_FRAME_CHARGES_TWICE.name(), "stan", stan));
        IsoTerminalClient.Exchange ex = host.exchange(iso.sale(card, hostAmount, stan, now, currency),
                profile.hostTimeout());
        ex.response().filter(r -> "00".equals(r.getString(39))).ifPresent(r -> state.addToBatch(
                new TerminalState.BatchEntry(stan, r.getString(37), repeatedSale.amountMinor(), card.maskedPan(),
                        state.nextReceiptNo())));
        repeatedSale = null;
    }

    /**
     * PT -> ECR command, then wait T3 for the register's 80 00 00 (an 06 B0 meanwhile is taken and remembered). A line
     * that fails on the way (no ACK after the repeats: a pulled cable) counts as not acknowledged, so an approved
     * payment is auto-reversed ([ZVT-SPEC] §2.2.8).
     */
    private boolean sendAwaitingAck(Apdu apdu, String what) {
        try {
            return sendAwaitingAckOrThrow(apdu, what);
        } catch (ZvtLinkException e) {
            if (!running || e.getCause() != null) {
                throw e; // the terminal is off or its port is gone: nothing more goes out
            }
            decide("line-failed-awaiting-ack", Map.of("after", what, "error", String.valueOf(e.getMessage())));
            return false;
        }
    }

    private boolean sendAwaitingAckOrThrow(Apdu apdu, String what) {
        link.send(apdu);
        long deadline = System.nanoTime() + t3.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Optional<Apdu> answer = left <= 0 ? Optional.empty() : link.receive(Duration.ofNanos(left));
            if (answer.isEmpty()) {
                decide("ecr-silent", Map.of("after", what, "t3Ms", t3.toMillis()));
                return false;
            }
            ZvtMessage m = ZvtMessages.decode(answer.get());
            if (m instanceof AbortFromEcr && inAuthorization) {
                acceptAbort();
                continue;
            }
            if (m instanceof Authorization again && inAuthorization) {
                // the register is not master during a sale: a sale frame now is its repeat after a lost ACK
                if (has(Defect.REPEATED_FRAME_CHARGES_TWICE)) {
                    repeatedSale = again;
                    decide("repeat-taken-as-new-sale", Map.of("defect", Defect.REPEATED_FRAME_CHARGES_TWICE.name(),
                            "apdu", answer.get().toString()));
                } else {
                    decide("repeated-sale-ignored", Map.of("apdu", answer.get().toString(),
                            "why", "a sale is running; the register repeated its command after losing our ACK"));
                }
                continue;
            }
            return m instanceof Acknowledgement ack && ack.isPositive();
        }
    }

    private void safeSend(Apdu apdu) {
        try {
            link.send(apdu);
        } catch (RuntimeException ignored) {
            // the line is already broken; the failure was recorded
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
            // a host exchange in flight is bounded by the host timeout; let it end before the state is reused
            worker.join(clock.toRealMillis(profile.hostTimeout()) + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        link.close();
        decide("stopped", Map.of("tid", profile.terminalId()));
    }
}
