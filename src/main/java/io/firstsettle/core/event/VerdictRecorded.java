package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The oracle's verdict on the first transaction ({@code oracle / verdict}): the verdict's name, its summary and the
 * lines it rests on.
 */
public record VerdictRecorded(String verdict, String summary, List<String> because) implements EvidenceEvent.Payload {
    public static final String KIND = "verdict";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "verdict", verdict);
        Fields.put(f, "summary", summary);
        // list elements are not masked by the recorder's guard: mask them here
        Fields.put(f, "because", because == null ? null
                : because.stream().map(io.firstsettle.core.CardData::maskText).toList());
        return f;
    }

    static VerdictRecorded read(Fields f) {
        return new VerdictRecorded(f.required("verdict"), f.text("summary"), f.texts("because"));
    }
}
