package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the lab set the register up for log-on ({@code lab / register-setup}): "not needed" for a protocol without one.
 */
public record LogOnSetup(String logOn, String protocol) implements EvidenceEvent.Payload {
    public static final String KIND = "register-setup";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "logOn", logOn);
        Fields.put(f, "protocol", protocol);
        return f;
    }

    public boolean notNeeded() {
        return "not needed".equals(logOn);
    }

    static LogOnSetup read(Fields f) {
        return new LogOnSetup(f.text("logOn"), f.text("protocol"));
    }
}
