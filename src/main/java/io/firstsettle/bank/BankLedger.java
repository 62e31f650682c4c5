package io.firstsettle.bank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.firstsettle.core.CardData;

/**
 * The bank's money, as a WireMock response transformer named {@value #NAME}. Mappings in fixtures/bank/mappings opt in
 * with {@code "transformers": ["bank-ledger"]}; stubs without it (faults added by tests) never touch the ledger.
 *
 * <p>Rules: an authorization puts nothing on the statement; a settlement credits each authorized, not reversed RRN
 * exactly once; a reversed authorization is never credited. One instance per {@link BankFake}.
 *
 * <p>Transformer parameter {@code declines} (optional, on the authorization mapping): a map from amountMinor (as text)
 * to the decline code, e.g. {@code {"5100": "51"}}.
 */
final class BankLedger implements ResponseDefinitionTransformerV2 {
    static final String NAME = "bank-ledger";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATEMENT = Pattern.compile("/bank/v1/merchants/([^/?]+)/statement");

    private record Auth(String merchantId, String terminalId, String stan, long amountMinor, String currency,
                        String rrn, String authCode) {
    }

    private record Credit(String rrn, long amountMinor, String currency, String status, String reason) {
    }

    private final Map<String, Auth> byRrn = new HashMap<>();
    private final Map<String, String> rrnByTerminalStan = new HashMap<>();
    private final Map<String, String> reversed = new HashMap<>();
    private final Map<String, List<Credit>> credits = new HashMap<>();
    private final Map<String, String> creditedRrns = new HashMap<>();
    private long rrnSeq;
    private long settlementSeq;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String path = event.getRequest().getUrl();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        String method = event.getRequest().getMethod().getName();
        Map<String, Object> body;
        int status = 200;
        try {
            synchronized (this) {
                Matcher st = STATEMENT.matcher(path);
                if ("GET".equals(method) && st.matches()) {
                    body = statement(st.group(1));
                } else if ("POST".equals(method) && path.equals("/bank/v1/authorizations")) {
                    body = authorize(read(event), event.getTransformerParameters());
                } else if ("POST".equals(method) && path.equals("/bank/v1/reversals")) {
                    body = reverse(read(event));
                } else if ("POST".equals(method) && path.equals("/bank/v1/settlements")) {
                    body = settle(read(event));
                } else {
                    status = 404;
                    body = Map.of("outcome", "ERROR", "message", "no ledger operation for " + method + " " + path);
                }
            }
        } catch (BadRequest e) {
            status = 400;
            body = Map.of("outcome", "ERROR", "message", e.getMessage());
        }
        try {
            return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String m) {
            super(m);
        }
    }

    private static JsonNode read(ServeEvent event) {
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

    private static String req(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new BadRequest("field '" + field + "' is required");
        }
        return v.asText();
    }

    private static long reqLong(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new BadRequest("field '" + field + "' must be a whole number of minor units");
        }
        return v.asLong();
    }

    private Map<String, Object> authorize(JsonNode n, Parameters params) {
        String mid = req(n, "merchantId");
        String tid = req(n, "terminalId");
        String stan = req(n, "stan");
        long amount = reqLong(n, "amountMinor");
        String currency = n.path("currency").asText("978");
        String rrn = String.format("B%011d", ++rrnSeq);
        String auth = String.format("%06d", (rrnSeq * 7919) % 1_000_000);
        Map<String, Object> out = new LinkedHashMap<>();
        Object declines = params == null ? null : params.get("declines");
        if (declines instanceof Map<?, ?> m && m.get(String.valueOf(amount)) != null) {
            out.put("outcome", "DECLINED");
            out.put("responseCode", String.valueOf(m.get(String.valueOf(amount))));
            out.put("rrn", rrn);
            return out;
        }
        byRrn.put(rrn, new Auth(mid, tid, stan, amount, currency, rrn, auth));
        rrnByTerminalStan.put(tid + "|" + stan, rrn);
        out.put("outcome", "APPROVED");
        out.put("responseCode", "00");
        out.put("authCode", auth);
        out.put("rrn", rrn);
        out.put("maskedPan", CardData.mask(n.path("maskedPan").asText("")));
        return out;
    }

    private Map<String, Object> reverse(JsonNode n) {
        String tid = req(n, "terminalId");
        String rrn = n.path("rrn").asText(null);
        if (rrn == null && n.hasNonNull("stan")) {
            rrn = rrnByTerminalStan.get(tid + "|" + n.get("stan").asText());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", "REVERSED");
        if (rrn != null && byRrn.containsKey(rrn)) {
            reversed.put(rrn, tid);
            out.put("rrn", rrn);
            out.put("matched", true);
        } else {
            out.put("matched", false);
        }
        return out;
    }

    private Map<String, Object> settle(JsonNode n) {
        String mid = req(n, "merchantId");
        req(n, "terminalId");
        String batch = req(n, "batchNo");
        long count = reqLong(n, "count");
        long total = reqLong(n, "totalMinor");
        JsonNode txns = n.get("transactions");
        if (txns == null || !txns.isArray()) {
            throw new BadRequest("field 'transactions' must be a list");
        }
        long sum = 0;
        for (JsonNode t : txns) {
            sum += reqLong(t, "amountMinor");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (count != txns.size() || total != sum) {
            out.put("outcome", "REJECTED");
            out.put("reason", "count/totalMinor (" + count + "/" + total + ") do not match the transactions ("
                    + txns.size() + "/" + sum + ")");
            return out;
        }
        List<Map<String, Object>> skipped = new ArrayList<>();
        int credited = 0;
        for (JsonNode t : txns) {
            String rrn = t.path("rrn").asText("");
            Auth a = byRrn.get(rrn);
            String why = a == null ? "unknown rrn" : !a.merchantId().equals(mid) ? "rrn belongs to another merchant"
                    : reversed.containsKey(rrn) ? "authorization was reversed"
                    : creditedRrns.containsKey(rrn) ? "already credited" : a.amountMinor() != t.path("amountMinor").asLong()
                    ? "amount differs from the authorization" : null;
            if (why != null) {
                skipped.add(Map.of("rrn", rrn, "reason", why));
                continue;
            }
            creditedRrns.put(rrn, batch);
            credits.computeIfAbsent(mid, k -> new ArrayList<>())
                    .add(new Credit(rrn, a.amountMinor(), a.currency(), "CREDITED", "settled in batch " + batch));
            credited++;
        }
        out.put("outcome", "ACCEPTED");
        out.put("settlementId", String.format("S%08d", ++settlementSeq));
        out.put("credited", credited);
        out.put("skipped", skipped);
        return out;
    }

    private Map<String, Object> statement(String mid) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("merchantId", mid);
        out.put("credits", credits.getOrDefault(mid, List.of()).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rrn", c.rrn());
            m.put("amountMinor", c.amountMinor());
            m.put("currency", c.currency());
            m.put("status", c.status());
            m.put("reason", c.reason());
            return m;
        }).toList());
        return out;
    }
}
