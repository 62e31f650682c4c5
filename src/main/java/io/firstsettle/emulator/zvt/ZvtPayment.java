package io.firstsettle.emulator.zvt;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.message.AbortFromPt;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.message.Completion;
import io.firstsettle.ecr.zvt.message.ResultCode;
import io.firstsettle.ecr.zvt.message.StatusInformation;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.DefectPolicy;
import io.firstsettle.emulator.Payment;
import io.firstsettle.emulator.PaymentEngine;
import io.firstsettle.emulator.Receipts;
import io.firstsettle.emulator.SaleResult;
import io.firstsettle.profile.TerminalProfile;

import java.time.MonthDay;
import java.util.Map;

/**
 * Authorization 06 01 ([ZVT-SPEC] §2.2) on the PT side: checks, 80 00 00, the engine's sale, then 04 0F, receipts and
 * 06 0F (approved) or 06 1E (declined, failed); an approved payment the register did not take is reversed.
 */
final class ZvtPayment {
    private static final int PAYMENT_TYPE_PT_DECIDES = 0x60;

    private final ZvtPtLine line;
    private final PaymentEngine engine;
    private final Receipts receipts;
    private final TerminalProfile profile;
    private final DefectPolicy policy;

    ZvtPayment(ZvtPtLine line, PaymentEngine engine, Receipts receipts) {
        this.line = line;
        this.engine = engine;
        this.receipts = receipts;
        this.profile = engine.profile();
        this.policy = engine.policy();
    }

    void authorize(Authorization a) {
        line.tlv.command("Authorization", a.tlv());
        if (ZvtRefusals.notRegistered(line, "Authorization")
                || ZvtRefusals.refuse(line, a.amountMinor() == 0, ResultCode.FUNCTION_NOT_POSSIBLE, "Authorization",
                "amount 0")
                || ZvtRefusals.refuse(line, a.currencyCode() != null && a.currencyCode() != profile.currency(),
                ResultCode.WRONG_CURRENCY, "Authorization", "currency " + a.currencyCode()
                        + " is not the terminal's " + profile.currency())) {
            return;
        }
        line.send(Apdu.POSITIVE_ACK);
        line.authorizing(true);
        try {
            authorizeAcknowledged(a);
        } finally {
            line.authorizing(false);
        }
    }

    private void authorizeAcknowledged(Authorization a) {
        int currency = a.currencyCode() == null ? profile.currency() : a.currencyCode();
        SaleResult result = engine.sale(a.amountMinor(), currency, profile.hostTimeout(), line);
        if (result instanceof SaleResult.Failed f) {
            switch (f.cause()) {
                case NO_CARD -> line.finishFailed(ResultCode.ABORT_TIMEOUT_OR_KEY.code(), f.why());
                case ABORTED -> line.sendAwaitingAck(new AbortFromPt(ResultCode.ABORT_TIMEOUT_OR_KEY.code()).toApdu(),
                        "Abort");
                case HOST_UNREACHABLE -> line.finishFailed(connectionFailure(false), f.why());
                case HOST_TIMEOUT, REVERSAL_PENDING -> line.finishFailed(connectionFailure(true), f.why());
            }
            return;
        }
        Payment decided = ((SaleResult.Decided) result).payment();
        int rc = decided.shownApproved() ? 0 : declineCode(decided.de39());
        if (!decided.withoutAnswer()) {
            line.decide(decided.hostApproved() ? "approved" : "declined", Map.of("stan", decided.stan(),
                    "de39", String.valueOf(decided.de39()), "resultCode", String.format("%02X", rc)));
        }
        report(a, engine.record(decided), rc);
    }

    /** 04 0F, receipts, then 06 0F (approved) or 06 1E (declined); reverses what the register did not take. */
    private void report(Authorization a, Payment p, int rc) {
        StatusInformation si = StatusInformation.builder()
                .resultCode(rc)
                .amountMinor(p.amountMinor())
                .currency(p.currency())
                .time(p.time().toLocalTime().withNano(0))
                .date(MonthDay.from(p.time()))
                .maskedPan(p.card().maskedPan())
                .receiptNo(p.receiptNo())
                .trace(p.traceNo())
                .paymentType(a.paymentType() == null ? PAYMENT_TYPE_PT_DECIDES : a.paymentType())
                .terminalId(Integer.parseInt(profile.terminalId()))
                .cardType(p.card().zvtCardType())
                .additionalText(p.shownApproved() ? "AUTH " + p.authCode() + " RRN " + p.rrn()
                        : "DECLINED " + p.de39() + " " + Receipts.reason(p.de39()))
                .build();
        boolean taken = line.sendAwaitingAck(si.toApdu(), "Status-Information");
        if (taken) {
            taken = line.printReceipt(receipts.payment("CUSTOMER COPY", p))
                    && line.printReceipt(receipts.payment("MERCHANT COPY", p));
        }
        switch (engine.conclude(p, taken, line)) {
            case KEPT, KEPT_UNACKNOWLEDGED -> line.sendAwaitingAck(Completion.plain().toApdu(), "Completion");
            case AUTO_REVERSED -> line.finishFailed(ResultCode.ABORT_TIMEOUT_OR_KEY.code(),
                    "auto-reversed: result not acknowledged by the register");
            case DECLINED -> line.sendAwaitingAck(new AbortFromPt(rc).toApdu(), "Abort");
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
        if (policy.misreportsDecline(de39)) {
            line.decide("reason-misreported", Map.of("defect", Defect.MAINTENANCE_MISREPORTED.name(), "de39", de39));
            return ResultCode.SYSTEM_ERROR.code();
        }
        return rc;
    }

    /** A1 when the host did not answer in time, A3 when it could not be reached. */
    int connectionFailure(boolean timedOut) {
        if (policy.misreportsConnectionFailure()) {
            line.decide("reason-misreported", Map.of("defect", Defect.MAINTENANCE_MISREPORTED.name()));
            return ResultCode.SYSTEM_ERROR.code();
        }
        return timedOut ? ResultCode.REMOTE_NOT_RESPONDING.code() : ResultCode.NO_CONNECTION.code();
    }
}
