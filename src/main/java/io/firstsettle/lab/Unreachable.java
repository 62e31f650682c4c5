package io.firstsettle.lab;

import io.firstsettle.ecr.zvt.link.TerminalUnreachable;

import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.core.event.UnreachableTerminal;

import java.util.List;
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
    public static Optional<LabFault> in(List<EvidenceEvent> events) {
        UnreachableTerminal dead = null;
        for (EvidenceEvent e : events) {
            if (!"ecr".equals(e.source())) {
                continue;
            }
            if (e.payload() instanceof UnreachableTerminal u && dead == null) {
                dead = u;
            } else if (e.payload() instanceof SerialFrame f && !f.outbound()) {
                // the terminal answered something (a ZVT or Concert frame in)
                return Optional.empty();
            }
        }
        if (dead == null) {
            return Optional.empty();
        }
        return Optional.of(new LabFault(TerminalUnreachable.message(String.valueOf(dead.port()), dead.tries(),
                dead.t2Millis())));
    }
}
