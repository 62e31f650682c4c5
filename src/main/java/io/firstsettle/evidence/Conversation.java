package io.firstsettle.evidence;

import java.util.Map;
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
        this.terminalRecords = log.events().stream().anyMatch(e -> "terminal".equals(e.get("source"))
                && String.valueOf(e.get("kind")).startsWith("zvt-"));
        this.hostRecords = log.events().stream().anyMatch(e -> "host".equals(e.get("source"))
                && String.valueOf(e.get("kind")).startsWith("iso-"));
    }

    /** A ZVT message as its sender saw it (or as the register saw it when the terminal records nothing). */
    boolean primaryZvt(Map<String, Object> e) {
        Object src = e.get("source");
        Object kind = e.get("kind");
        if ("zvt-out".equals(kind)) {
            return "ecr".equals(src) || "terminal".equals(src);
        }
        return "zvt-in".equals(kind) && "ecr".equals(src) && !terminalRecords;
    }

    /** An ISO 8583 message as the host saw it (or as the terminal did when no host records). */
    boolean primaryIso(Map<String, Object> e) {
        Object src = e.get("source");
        Object kind = e.get("kind");
        if (!"iso-in".equals(kind) && !"iso-out".equals(kind)) {
            return false;
        }
        return hostRecords ? "host".equals(src) : "terminal".equals(src);
    }

    static boolean trouble(Map<String, Object> e) {
        Object src = e.get("source");
        if ("fault".equals(src) || "bank".equals(src) && String.valueOf(e.get("kind")).contains("fault")) {
            return true;
        }
        if ("bank-response".equals(e.get("kind"))) {
            return !"ACCEPTED".equals(e.get("kindField"));
        }
        if ("reconcile".equals(e.get("kind"))) {
            return Boolean.FALSE.equals(e.get("balanced"));
        }
        return TROUBLE.contains(String.valueOf(e.get("kind")));
    }

    /** "Registration" from "Apdu[Registration: 06 00 ...]". */
    static String command(Map<String, Object> e) {
        String a = EventLog.str(e, "apdu");
        if (a == null) {
            return "?";
        }
        int open = a.indexOf('[');
        int colon = a.indexOf(':');
        return open >= 0 && colon > open ? a.substring(open + 1, colon) : a;
    }

    static boolean ack(Map<String, Object> e) {
        return "Positive ack".equals(command(e));
    }

    /** Whitespace-trimmed hex of a zvt event; the serial frame for zvt-out, the bare APDU for zvt-in. */
    static String bytes(Map<String, Object> e) {
        String b = EventLog.str(e, "bytes");
        return b == null ? "" : b;
    }
}
