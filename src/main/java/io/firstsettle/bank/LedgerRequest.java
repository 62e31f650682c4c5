package io.firstsettle.bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/** Reading a ledger request's JSON body; what is missing or malformed is a {@link BadRequest} (HTTP 400). */
final class LedgerRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerRequest() {
    }

    /** A request the ledger cannot act on; its message names the field and what it must be. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String m) {
            super(m);
        }
    }

    static JsonNode read(ServeEvent event) {
        try {
            JsonNode n = JSON.readTree(event.getRequest().getBodyAsString());
            if (n == null || !n.isObject()) {
                throw new BadRequest("request body must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new BadRequest("request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String req(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new BadRequest("field '" + field + "' is required");
        }
        return v.asText();
    }

    static long reqLong(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new BadRequest("field '" + field + "' must be a whole number of minor units");
        }
        return v.asLong();
    }
}
