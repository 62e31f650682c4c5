package io.firstsettle.evidence;

import io.firstsettle.core.event.BankResponse;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.IsoMessage;
import io.firstsettle.core.event.Reconcile;
import io.firstsettle.core.event.SerialFrame;

import java.util.Set;

/**
 * Which recorded events are the conversation itself and which are the other side's copy of it. In an emulated rig
 * both ends of the serial line and of the host link record every message; a physical terminal records nothing, so the
 * register's and the host's own view stand for it.
 */
final class Conversation {
    /** Kinds that mean something went wrong or a fault was applied: marked in the timeline, listed by diagnosis. */
    static final Set<String> TROUBLE = Set.of("zvt-t2-expired", "zvt-nak-received", "link-gone", "zvt-bad-apdu",
            "zvt-corrupt-frame", "zvt-garbage", "line-lost", "line-error", "internal-error", "unsupported-command",
            "auto-reversal", "sign-on-failed", "reversal-pending", "batch-still-open", "payment-failed", "ecr-silent",
            "iso-timeout", "iso-link-error", "error", "send-failed", "reversal-repeat", "reversal-while-pending",
            "rig-failed", "stop-failed");

    private final boolean terminalRecords;
    private final boolean hostRecords;

    Conversation(EventLog log) {
        this.terminalRecords = log.events().stream().anyMatch(e -> "terminal".equals(e.source())
                && e.kind().startsWith("zvt-"));
        this.hostRecords = log.events().stream().anyMatch(e -> "host".equals(e.source())
                && e.kind().startsWith("iso-"));
    }

    /** The ZVT frame of an event, when it is one. */
    static SerialFrame zvtFrame(EvidenceEvent e) {
        return e.payload() instanceof SerialFrame f && f.isZvt() ? f : null;
    }

    /** A ZVT message as its sender saw it (or as the register saw it when the terminal records nothing). */
    boolean primaryZvt(EvidenceEvent e) {
        SerialFrame f = zvtFrame(e);
        if (f == null) {
            return false;
        }
        if (f.outbound()) {
            return "ecr".equals(e.source()) || "terminal".equals(e.source());
        }
        return "ecr".equals(e.source()) && !terminalRecords;
    }

    /** An ISO 8583 message as the host saw it (or as the terminal did when no host records). */
    boolean primaryIso(EvidenceEvent e) {
        if (!(e.payload() instanceof IsoMessage)) {
            return false;
        }
        return hostRecords ? "host".equals(e.source()) : "terminal".equals(e.source());
    }

    static boolean trouble(EvidenceEvent e) {
        if ("fault".equals(e.source()) || "bank".equals(e.source()) && e.kind().contains("fault")) {
            return true;
        }
        if (e.payload() instanceof BankResponse r) {
            return !r.accepted();
        }
        if (e.payload() instanceof Reconcile r) {
            return Boolean.FALSE.equals(r.balanced());
        }
        return TROUBLE.contains(e.kind());
    }
}
