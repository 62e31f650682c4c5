package io.firstsettle.oracle;

import java.util.List;

/**
 * One verdict for a scenario's first transaction, with the evidence that decided it: one line per view
 * ("ECR: ...", "host: ...", "bank: ...", "statement: ...").
 */
public record Verdict(VerdictKind kind, String summary, List<String> because) {
    public Verdict {
        because = List.copyOf(because);
    }

    public String explain() {
        StringBuilder sb = new StringBuilder(kind + ": " + summary);
        for (String b : because) {
            sb.append("\n  - ").append(b);
        }
        return sb.toString();
    }
}
