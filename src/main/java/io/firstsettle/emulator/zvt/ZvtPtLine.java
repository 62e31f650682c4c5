package io.firstsettle.emulator.zvt;

import io.firstsettle.core.EventSink;
import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.link.ZvtLinkException;
import io.firstsettle.ecr.zvt.message.AbortFromEcr;
import io.firstsettle.ecr.zvt.message.AbortFromPt;
import io.firstsettle.ecr.zvt.message.Acknowledgement;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.message.IntermediateStatus;
import io.firstsettle.ecr.zvt.message.PrintLine;
import io.firstsettle.ecr.zvt.message.ResultCode;
import io.firstsettle.ecr.zvt.message.StatusInformation;
import io.firstsettle.ecr.zvt.message.TextBlockReceipt;
import io.firstsettle.ecr.zvt.message.ZvtMessage;
import io.firstsettle.ecr.zvt.message.ZvtMessages;
import io.firstsettle.emulator.DefectPolicy;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.PaymentProgress;
import io.firstsettle.emulator.Receipts;
import io.firstsettle.profile.TerminalProfile;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The PT's end of the ZVT line while it is master: commands out, each waiting T3 for the register's 80 00 00; print
 * lines or text blocks; intermediate status; an Abort 06 B0 or a repeated 06 01 that arrives meanwhile. It is also
 * the {@link PaymentProgress} of a running sale: stages become Intermediate Status 04 FF.
 */
final class ZvtPtLine implements PaymentProgress {
    private final ApduLink link;
    private final TerminalProfile profile;
    private final DefectPolicy policy;
    private final Receipts receipts;
    private final EventSink events;
    private final Duration t3;
    private final Charset charset;
    final RegisterTlv tlv;
    volatile boolean running = true;
    volatile Integer configByte;
    private volatile boolean abortRequested;
    private volatile boolean inAuthorization;
    /** {@link Defect#REPEATED_FRAME_CHARGES_TWICE}: the register's repeated sale frame, taken for a second sale. */
    private volatile Authorization repeatedSale;

    ZvtPtLine(ApduLink link, TerminalProfile profile, DefectPolicy policy, Receipts receipts, EventSink events) {
        this.link = link;
        this.profile = profile;
        this.policy = policy;
        this.receipts = receipts;
        this.events = events;
        this.t3 = Duration.ofMillis(profile.t3Millis());
        this.charset = Charset.forName(profile.charset());
        this.tlv = new RegisterTlv(events);
    }

    ApduLink link() {
        return link;
    }

    void decide(String kind, Map<String, ?> fields) {
        events.record("terminal", kind, fields);
    }

    /** An authorization begins (true) or ends (false): aborts and repeats are taken only while one runs. */
    void authorizing(boolean on) {
        if (on) {
            abortRequested = false;
            repeatedSale = null;
        }
        inAuthorization = on;
    }

    // ---- PaymentProgress ----
    @Override
    public void stage(Stage stage) {
        intermediate(switch (stage) {
            case NO_CARD -> 0x0A;
            case HOST -> 0x04;
            case REVERSAL -> 0x05;
        });
    }

    @Override
    public boolean abortRequested() {
        return pollAbort();
    }

    @Override
    public OptionalLong repeatedSale() {
        Authorization again = repeatedSale;
        repeatedSale = null;
        return again == null ? OptionalLong.empty() : OptionalLong.of(again.amountMinor());
    }

    // ---- what goes out ----
    boolean ecrPrints() {
        int cfg = configByte == null ? 0 : configByte;
        return (cfg & 0x02) != 0 && (cfg & 0x80) != 0;
    }

    void intermediate(int code) {
        int cfg = configByte == null ? 0 : configByte;
        if ((cfg & 0x08) != 0 && tlv.intermediateStatusPermitted()) {
            sendAwaitingAck(new IntermediateStatus(code, null).toApdu(), "Intermediate Status");
        }
    }

    void finishFailed(int rc, String why) {
        decide("payment-failed", Map.of("resultCode", String.format("%02X", rc), "why", String.valueOf(why)));
        StatusInformation si = StatusInformation.builder()
                .resultCode(rc)
                .terminalId(Integer.parseInt(profile.terminalId()))
                .additionalText(why == null ? ResultCode.meaning(rc) : why)
                .build();
        sendAwaitingAck(si.toApdu(), "Status-Information");
        sendAwaitingAck(new AbortFromPt(rc).toApdu(), "Abort");
    }

    /**
     * Print lines to the register when it prints via the PT (config bits 1 and 7): 06 D1 lines, or one 06 D3 text
     * block when the profile or the register's permitted commands say so; else on the terminal's paper.
     */
    boolean printReceipt(List<String> lines) {
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
        receipts.printOwn(lines);
        return true;
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
     * PT -> ECR command, then wait T3 for the register's 80 00 00 (an 06 B0 meanwhile is taken and remembered). A line
     * that fails on the way (no ACK after the repeats: a pulled cable) counts as not acknowledged, so an approved
     * payment is auto-reversed ([ZVT-SPEC] §2.2.8).
     */
    boolean sendAwaitingAck(Apdu apdu, String what) {
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
                if (policy.chargesRepeatedRequest()) {
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

    void send(Apdu apdu) {
        link.send(apdu);
    }

    void safeSend(Apdu apdu) {
        try {
            link.send(apdu);
        } catch (RuntimeException ignored) {
            // the line is already broken; the failure was recorded
        }
    }
}
