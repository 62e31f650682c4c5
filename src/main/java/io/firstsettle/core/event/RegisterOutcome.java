package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a register operation came to ({@code register / outcome}): APPROVED, DECLINED, ABORTED, NO_ANSWER (the
 * outcome is written as "kind", which the recorder stores as "kindField"), whether it reached the terminal, the code.
 */
public record RegisterOutcome(String operation, String outcome, Boolean reachedTerminal,
        String code) implements EvidenceEvent.Payload {
    public static final String KIND = "outcome";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "operation", operation);
        Fields.put(f, "kind", outcome);
        Fields.put(f, "reachedTerminal", reachedTerminal);
        Fields.put(f, "code", code);
        return f;
    }

    static RegisterOutcome read(Fields f) {
        return new RegisterOutcome(f.required("operation"), f.required("kindField"), f.bool("reachedTerminal"),
                f.text("code"));
    }
}
