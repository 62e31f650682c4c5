package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the host sent the bank ({@code host / bank-request}): the path and the JSON body (card data masked).
 */
public record BankRequest(String path, String body) implements EvidenceEvent.Payload {
    public static final String KIND = "bank-request";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "path", path);
        Fields.put(f, "body", body);
        return f;
    }

    static BankRequest read(Fields f) {
        return new BankRequest(f.required("path"), f.text("body"));
    }
}
