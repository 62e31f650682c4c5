package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the terminal printed on its own paper ({@code terminal / printed-own-paper}), recorded as one text with
 * " | " between the lines.
 */
public record PrintedOwnPaper(List<String> lines) implements EvidenceEvent.Payload {
    public static final String KIND = "printed-own-paper";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("lines", String.join(" | ", lines));
        return f;
    }

    static PrintedOwnPaper read(Fields f) {
        return new PrintedOwnPaper(List.of(f.required("lines").split(" \\| ")));
    }
}
