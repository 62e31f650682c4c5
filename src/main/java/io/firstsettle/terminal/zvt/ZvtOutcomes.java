package io.firstsettle.terminal.zvt;

import io.firstsettle.ecr.zvt.message.ResultCode;
import io.firstsettle.ecr.zvt.message.StatusInformation;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.terminal.Operation;
import io.firstsettle.terminal.Outcome;
import io.firstsettle.terminal.ReportedCode;

import java.util.Optional;

/** A ZVT transcript as a protocol-neutral {@link Outcome}: result codes, Status-Information fields, print lines. */
public final class ZvtOutcomes {
    public static final String PROTOCOL = "zvt";

    private ZvtOutcomes() {
    }

    /**
     * @param reachedTerminal false when the command got no ACK on a line that never heard the terminal
     */
    public static Outcome of(Operation op, EcrTranscript t, boolean reachedTerminal) {
        Integer rc = t.resultCode();
        Outcome.Kind kind;
        if (!t.finished()) {
            kind = Outcome.Kind.NO_ANSWER;
        } else if (t.success()) {
            kind = Outcome.Kind.APPROVED;
        } else if (rc != null && rc == ResultCode.ABORT_TIMEOUT_OR_KEY.code()) {
            kind = Outcome.Kind.ABORTED;
        } else {
            kind = Outcome.Kind.DECLINED;
        }
        Optional<StatusInformation> si = t.statusInformation();
        String reason = rc == null ? t.problem() : ResultCode.meaning(rc);
        return new Outcome(op, kind, reachedTerminal || t.finished(), rc == null ? null : code(rc), reason,
                si.flatMap(StatusInformation::amountMinor).orElse(null),
                si.flatMap(StatusInformation::trace).orElse(null),
                si.flatMap(StatusInformation::receiptNo).orElse(null),
                si.flatMap(StatusInformation::terminalId).map(id -> String.format("%08d", id)).orElse(null),
                t.printLines());
    }

    /**
     * A ZVT result byte as a reported code: hex text, and the host's DE39 when the byte carries one (01..99 as the
     * binary of their decimal value, [ZVT-SPEC] ch.10: 0x33 is "51").
     */
    public static ReportedCode code(int rc) {
        return new ReportedCode(PROTOCOL, String.format("%02X", rc), ResultCode.hostResponseCode(rc).orElse(null),
                true);
    }
}
