package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The register was set up wrongly on purpose ({@code operator / register-setup}): the behaviour and why it is wrong.
 */
public record RegisterMisconfigured(String behaviour, String why) implements EvidenceEvent.Payload {
    public static final String KIND = "register-setup";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "behaviour", behaviour);
        Fields.put(f, "why", why);
        return f;
    }

    static RegisterMisconfigured read(Fields f) {
        return new RegisterMisconfigured(f.text("behaviour"), f.text("why"));
    }
}
