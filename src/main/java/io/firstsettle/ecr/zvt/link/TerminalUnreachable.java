package io.firstsettle.ecr.zvt.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Nothing ever reached the terminal: a command got no ACK after the spec's repeats ([ZVT-TP] §3.5) on a line whose
 * peer has never sent anything well-formed. A dead terminal and an unplugged cable, a wrong port or a wrong baud rate
 * look exactly the same from the register, so this is the lab's failure to reach a terminal, never the terminal's
 * defect. A terminal that answered once and then fell silent is something else: it is judged.
 *
 * <p>The register records it as the event {@value #EVENT} (source "ecr") with the port, the tries and T2; the lab
 * ({@code lab.Unreachable}) turns that into LAB_FAULT.
 *
 * @param port  the line's name, e.g. "/dev/ttyUSB0"
 * @param tries tries in all (first send + repeats)
 * @param t2Millis T2, the wait for ACK/NAK of each try
 */
public record TerminalUnreachable(String port, int tries, long t2Millis) {
    /** Event kind recorded by the register. */
    public static final String EVENT = "terminal-unreachable";

    /** The failure as an unreachable terminal, when the link never heard its peer and the repeats ran out. */
    public static Optional<TerminalUnreachable> of(ZvtLinkException e, ApduLink link) {
        if (e instanceof ZvtNoAckException n && !link.peerEverAnswered()) {
            return Optional.of(new TerminalUnreachable(n.port(), n.tries(), n.t2().toMillis()));
        }
        return Optional.empty();
    }

    /** "terminal unreachable on /dev/ttyUSB0: ...", with what to check. */
    public String message() {
        return message(port, tries, t2Millis);
    }

    /** The one wording, also for a message rebuilt from recorded evidence. */
    public static String message(String port, Object tries, Object t2Millis) {
        return "terminal unreachable on " + port + ": no ACK after " + tries + " tries (T2 " + t2Millis
                + " ms each) and nothing from the terminal ever arrived on this line — check the cable, the port"
                + " name, the baud rate and that the terminal is powered on (a lab fault, not the terminal's)";
    }

    /** The evidence fields: port, tries, T2, the command that got no ACK. */
    public Map<String, Object> evidence(String command) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("port", port);
        m.put("tries", tries);
        m.put("t2Millis", t2Millis);
        m.put("command", command);
        m.put("why", message());
        return m;
    }
}
