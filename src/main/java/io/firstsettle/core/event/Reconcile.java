package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host compared its totals with the terminal's at settlement ({@code host / reconcile}).
 */
public record Reconcile(String terminalId, Long batch, Long hostCount, Long hostTotalMinor, Long terminalCount,
        Long terminalTotalMinor, Boolean balanced) implements EvidenceEvent.Payload {
    public static final String KIND = "reconcile";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "tid", terminalId);
        Fields.put(f, "batch", batch);
        Fields.put(f, "hostCount", hostCount);
        Fields.put(f, "hostTotalMinor", hostTotalMinor);
        Fields.put(f, "terminalCount", terminalCount);
        Fields.put(f, "terminalTotalMinor", terminalTotalMinor);
        Fields.put(f, "balanced", balanced);
        return f;
    }

    static Reconcile read(Fields f) {
        return new Reconcile(f.text("tid"), f.number("batch"), f.number("hostCount"), f.number("hostTotalMinor"),
                f.number("terminalCount"), f.number("terminalTotalMinor"), f.bool("balanced"));
    }
}
