package io.firstsettle.host;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

/**
 * The host's HTTP/JSON client for the bank ({@code POST /bank/v1/authorizations}, {@code /reversals},
 * {@code /settlements}; see fixtures/bank/README.md). Every call is a POST: the JDK client re-sends an idempotent GET
 * once after a reset, which would double-count in the bank journal. Each call is bounded by the bank budget (lab time,
 * scaled by the lab clock).
 */
public final class BankClient implements AutoCloseable {

    /** How a bank call ended. */
    public enum Kind {
        /** 2xx and the expected outcome (APPROVED, REVERSED, ACCEPTED). */
        ACCEPTED,
        /** 2xx with a refusal (DECLINED, REJECTED); {@link Reply#bankCode()} carries the bank's code. */
        DECLINED,
        /** 503, or the bank could not be reached. */
        UNAVAILABLE,
        /** Reset, empty reply, garbage, invalid JSON, or any other status. */
        ERROR,
        /** No answer within the bank budget. */
        LATE
    }

    /** The result of one bank call; {@code body} is null unless the bank sent valid JSON. */
    public record Reply(Kind kind, int httpStatus, String bankCode, String authCode, String rrn, JsonNode body,
                        String detail) {
    }

    /** One transaction in a settlement. */
    public record SettledTxn(String rrn, String stan, long amountMinor) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Duration budget;
    private final LabClock clock;
    private final EventSink events;
    private final ExecutorService pool;
    private final HttpClient http;

    public BankClient(URI base, Duration labBudget, LabClock clock, EventSink events) {
        this.base = base;
        this.budget = labBudget;
        this.clock = clock;
        this.events = events;
        // the HttpClient's own tasks (connection set-up, body handling) for every request in flight: a fixed pair of
        // threads made a fleet's concurrent bank calls wait for each other; threads start on demand, end when idle
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bank-client");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().executor(pool).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(clock.toReal(labBudget)).build();
    }

    public Reply authorize(String merchantId, String terminalId, String stan, long amountMinor, String currency,
                           String maskedPan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantId", merchantId);
        body.put("terminalId", terminalId);
        body.put("stan", stan);
        body.put("amountMinor", amountMinor);
        body.put("currency", currency);
        body.put("maskedPan", maskedPan);
        return post("/bank/v1/authorizations", body, "APPROVED", "DECLINED");
    }

    /**
     * An advice (0220): a sale the terminal approved offline, told to the bank so that it can be settled. Same endpoint as
     * an authorization, with {@code "advice": true} and the terminal's own approval code; the bank records it and does
     * not decline it.
     */
    public Reply advise(String merchantId, String terminalId, String stan, long amountMinor, String currency,
                        String maskedPan, String offlineAuthCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantId", merchantId);
        body.put("terminalId", terminalId);
        body.put("stan", stan);
        body.put("amountMinor", amountMinor);
        body.put("currency", currency);
        body.put("maskedPan", maskedPan);
        body.put("advice", true);
        if (offlineAuthCode != null) {
            body.put("authCode", offlineAuthCode);
        }
        return post("/bank/v1/authorizations", body, "APPROVED", "DECLINED");
    }

    public Reply reverse(String merchantId, String terminalId, String rrn, String stan, long amountMinor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantId", merchantId);
        body.put("terminalId", terminalId);
        if (rrn != null) {
            body.put("rrn", rrn);
        }
        body.put("stan", stan);
        body.put("amountMinor", amountMinor);
        return post("/bank/v1/reversals", body, "REVERSED", "REJECTED");
    }

    public Reply settle(String merchantId, String terminalId, String batchNo, List<SettledTxn> txns) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantId", merchantId);
        body.put("terminalId", terminalId);
        body.put("batchNo", batchNo);
        body.put("count", txns.size());
        body.put("totalMinor", txns.stream().mapToLong(SettledTxn::amountMinor).sum());
        body.put("transactions", txns.stream().map(t -> Map.of("rrn", t.rrn(), "stan", t.stan(),
                "amountMinor", t.amountMinor())).toList());
        return post("/bank/v1/settlements", body, "ACCEPTED", "REJECTED");
    }

    private Reply post(String path, Map<String, Object> body, String okOutcome, String refusedOutcome) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write bank request " + body, e);
        }
        events.record("host", "bank-request", Map.of("path", path, "body", json));
        HttpRequest req = HttpRequest.newBuilder(base.resolve(path))
                .timeout(clock.toReal(budget))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        Reply reply = exchange(req, okOutcome, refusedOutcome);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("path", path);
        ev.put("kind", reply.kind().name());
        ev.put("status", reply.httpStatus());
        ev.put("detail", reply.detail());
        events.record("host", "bank-response", ev);
        return reply;
    }

    private Reply exchange(HttpRequest req, String okOutcome, String refusedOutcome) {
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            return new Reply(Kind.UNAVAILABLE, 0, null, null, null, null,
                    "connect to " + req.uri() + " timed out after " + budget + " (lab)");
        } catch (HttpTimeoutException e) {
            return new Reply(Kind.LATE, 0, null, null, null, null,
                    "no answer from " + req.uri() + " within the bank budget of " + budget + " (lab)");
        } catch (ConnectException e) {
            return new Reply(Kind.UNAVAILABLE, 0, null, null, null, null, "cannot connect to " + req.uri() + ": " + e);
        } catch (IOException e) {
            return new Reply(Kind.ERROR, 0, null, null, null, null, "I/O error talking to " + req.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(Kind.ERROR, 0, null, null, null, null, "interrupted while waiting for " + req.uri());
        }
        int status = resp.statusCode();
        if (status == 503) {
            return new Reply(Kind.UNAVAILABLE, status, null, null, null, null, "bank answered 503 Service Unavailable");
        }
        if (status < 200 || status > 299) {
            return new Reply(Kind.ERROR, status, null, null, null, null, "bank answered HTTP " + status);
        }
        JsonNode node;
        try {
            node = JSON.readTree(resp.body());
        } catch (IOException e) {
            return new Reply(Kind.ERROR, status, null, null, null, null, "bank answered invalid JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject() || !node.path("outcome").isTextual()) {
            return new Reply(Kind.ERROR, status, null, null, null, node,
                    "bank answered without an 'outcome' field: " + abbreviate(resp.body()));
        }
        String outcome = node.get("outcome").asText();
        String code = node.path("responseCode").isTextual() ? node.get("responseCode").asText() : null;
        String auth = node.path("authCode").isTextual() ? node.get("authCode").asText() : null;
        String rrn = node.path("rrn").isTextual() ? node.get("rrn").asText() : null;
        if (okOutcome.equals(outcome)) {
            return new Reply(Kind.ACCEPTED, status, code, auth, rrn, node, outcome);
        }
        if (refusedOutcome.equals(outcome) || "DECLINED".equals(outcome)) {
            return new Reply(Kind.DECLINED, status, code, auth, rrn, node, outcome);
        }
        return new Reply(Kind.ERROR, status, code, auth, rrn, node, "unexpected bank outcome \"" + outcome + "\"");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
