package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rig is up ({@code lab / rig-ready}): the terminal's line, TID, protocol, defects and the lab time scale.
 */
public record RigReady(String line, String terminalId, String protocol, String defects,
        Double scale) implements EvidenceEvent.Payload {
    public static final String KIND = "rig-ready";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "line", line);
        Fields.put(f, "tid", terminalId);
        Fields.put(f, "protocol", protocol);
        Fields.put(f, "defects", defects);
        Fields.put(f, "scale", scale);
        return f;
    }

    static RigReady read(Fields f) {
        return new RigReady(f.text("line"), f.text("tid"), f.text("protocol"), f.text("defects"), f.decimal("scale"));
    }
}
