package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the host sent the bank ({@code host / bank-request}): the path and the JSON body (card data masked).
 */
public record BankRequest(String path, String body) implements EvidenceEvent.Payload {
    public static final String KIND = "bank-request";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

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

    /** The body's "stan", when the body is JSON and has one. */
    public java.util.Optional<String> stan() {
        return bodyText("stan");
    }

    /** The body's "batchNo", when the body is JSON and has one. */
    public java.util.Optional<String> batchNo() {
        return bodyText("batchNo");
    }

    private java.util.Optional<String> bodyText(String name) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(String.valueOf(body));
            return n != null && n.hasNonNull(name) ? java.util.Optional.of(n.get(name).asText())
                    : java.util.Optional.empty();
        } catch (java.io.IOException notJson) {
            return java.util.Optional.empty();
        }
    }

    static BankRequest read(Fields f) {
        return new BankRequest(f.required("path"), f.text("body"));
    }
}
