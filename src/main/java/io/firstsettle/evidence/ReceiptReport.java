package io.firstsettle.evidence;

import io.firstsettle.core.event.EcrCommand;
import io.firstsettle.core.event.EvidenceEvent;
import io.firstsettle.core.event.PrintedOwnPaper;
import io.firstsettle.core.event.SerialFrame;
import io.firstsettle.terminal.WireText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code receipts.txt}: what was printed, as text. The register's paper is every print line (06 D1) and every line
 * of a print text block (06 D3) it received,
 * grouped under the command that caused it (the sale's receipt, the end-of-day report); the terminal's own paper is
 * what it printed itself.
 */
public final class ReceiptReport {
    private ReceiptReport() {
    }

    public static String render(EventLog log) {
        List<String> out = new ArrayList<>();
        String current = null;
        int printed = 0;
        for (EvidenceEvent e : log.events()) {
            if (e.payload() instanceof EcrCommand c) {
                current = c.command();
                continue;
            }
            SerialFrame frame = Conversation.zvtFrame(e);
            String command = frame == null ? "?" : frame.command();
            if (frame != null && "ecr".equals(e.source()) && !frame.outbound()
                    && (command.equals("Print Line") || command.equals("Print Text Block"))) {
                List<String> texts = new ArrayList<>();
                try {
                    // 06 D1 lines, or 06 D3: the same lines as 06 D1 would carry, from TLV tag 07 ([ZVT-SPEC] §3.6)
                    Optional<List<String>> lines = WireText.zvtReceiptLines(frame.hex());
                    if (lines.isEmpty()) {
                        continue;
                    }
                    texts.addAll(lines.get());
                } catch (IllegalArgumentException ex) {
                    texts.add("(unreadable " + command.toLowerCase() + ": " + ex.getMessage() + ")");
                }
                if (printed == 0 || current != null) {
                    out.add("");
                    out.add("=== register paper: " + title(current) + " " + "=".repeat(20));
                    current = null;
                }
                for (String text : texts) {
                    out.add(log.offset(e) + "  | " + text);
                }
                printed++;
            } else if (e.payload() instanceof PrintedOwnPaper paper) {
                out.add("");
                out.add("=== terminal's own paper " + "=".repeat(20));
                for (String l : paper.lines()) {
                    out.add(log.offset(e) + "  | " + l);
                }
                printed++;
            }
        }
        if (printed == 0) {
            out.add("");
            out.add("(nothing was printed in this scenario)");
        }
        return "firstsettle receipts: " + log.file().getParent().getFileName() + "\n" + String.join("\n", out) + "\n";
    }

    private static String title(String command) {
        if (command == null) {
            return "continued";
        }
        return switch (command) {
            case "Authorization" -> "sale receipt";
            case "End-of-Day" -> "end-of-day report";
            default -> command;
        };
    }
}
