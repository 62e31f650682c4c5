package io.firstsettle.lab;

import io.firstsettle.ecr.zvt.link.TerminalUnreachable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for "nothing reached the terminal": when the register recorded {@value TerminalUnreachable#EVENT}
 * (a command got no ACK after the spec's repeats on a line whose terminal never sent anything well-formed) and the
 * terminal never answered anything later in the scenario, the scenario is a LAB_FAULT naming the port, never a
 * verdict against the terminal. An unplugged cable, a wrong port, a wrong baud rate and a terminal that is off all
 * look like this. A terminal that answered at least once is judged as usual.
 */
public final class Unreachable {
    /** The register's evidence kind for "no ACK on a line that never heard the terminal" (every protocol). */
    public static final String EVENT = TerminalUnreachable.EVENT;

    private Unreachable() {
    }

    /** The lab fault's words for a port, its tries and the wait of each. */
    public static String message(String port, Object tries, Object waitMillis) {
        return TerminalUnreachable.message(port, tries, waitMillis);
    }

    /** The lab fault this scenario's events show, if any. */
    public static Optional<LabFault> in(List<Map<String, Object>> events) {
        Map<String, Object> dead = null;
        for (Map<String, Object> e : events) {
            if (!"ecr".equals(e.get("source"))) {
                continue;
            }
            if (TerminalUnreachable.EVENT.equals(e.get("kind")) && dead == null) {
                dead = e;
            } else if ("zvt-in".equals(e.get("kind")) || "concert-in".equals(e.get("kind"))) {
                return Optional.empty();
            }
        }
        if (dead == null) {
            return Optional.empty();
        }
        return Optional.of(new LabFault(TerminalUnreachable.message(String.valueOf(dead.get("port")),
                dead.get("tries"), dead.get("t2Millis"))));
    }
}
