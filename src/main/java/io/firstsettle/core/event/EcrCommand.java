package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command the ZVT register sent ({@code ecr / command}): its name ("Authorization", "End-of-Day", "Abort 06 B0") and
 * the APDU (null in hand-written evidence).
 */
public record EcrCommand(String command, String apdu) implements EvidenceEvent.Payload {
    public static final String KIND = "command";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "command", command);
        Fields.put(f, "apdu", apdu);
        return f;
    }

    static EcrCommand read(Fields f) {
        return new EcrCommand(f.required("command"), f.text("apdu"));
    }
}
