package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulated terminal's ISO 8583 link to the host failed ({@code terminal / iso-link-error}): the error and the host.
 */
public record IsoLinkError(String error, String host) implements EvidenceEvent.Payload {
    public static final String KIND = "iso-link-error";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "error", error);
        Fields.put(f, "host", host);
        return f;
    }

    /** The host refused the connection (nothing listened), as opposed to a link that broke. */
    public boolean refused() {
        return String.valueOf(error).contains("refused");
    }

    static IsoLinkError read(Fields f) {
        return new IsoLinkError(f.text("error"), f.text("host"));
    }
}
