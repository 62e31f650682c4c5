package io.firstsettle.bank;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The {@value #NAME} transformer behind every applied request-stage fault stub. It looks the fault up by the stub's
 * {@code faultId} parameter and decides per request, on the lab clock: while the fault is active it answers the fault
 * (503, a WireMock connection fault, a delay, a decline); after its window it hands the request to the ledger as if
 * the fault stub were not there. Answers produced by a fault carry the header {@value #HEADER}.
 */
final class FaultResponder implements ResponseDefinitionTransformerV2 {
    static final String NAME = "bank-fault";
    static final String HEADER = "X-Firstsettle-Fault";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FaultBook book;
    private final BankLedger ledger;

    FaultResponder(FaultBook book, BankLedger ledger) {
        this.book = book;
        this.ledger = ledger;
    }

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
        Object id = event.getTransformerParameters() == null ? null : event.getTransformerParameters().get("faultId");
        BankAppliedFault f = book.get(id == null ? null : String.valueOf(id));
        if (f == null || !f.active()) {
            return ledger.transform(event);
        }
        ResponseDefinitionBuilder b;
        Map<String, Object> detail = new LinkedHashMap<>();
        switch (f.profile().kind()) {
            case BANK_MAINTENANCE -> {
                Duration left = f.windowEnd() == null ? Duration.ZERO
                        : Duration.between(book.clock().now(), f.windowEnd());
                Duration retry = f.profile().retryAfter() != null ? f.profile().retryAfter() : left;
                long secs = Math.max(1, (retry.toMillis() + 999) / 1000);
                b = json(503, Map.of("outcome", "UNAVAILABLE", "message", "bank maintenance until "
                        + f.windowEnd() + " (lab time)"))
                        .withHeader("Retry-After", String.valueOf(secs));
                detail.put("status", 503);
                detail.put("retryAfterSeconds", secs);
            }
            case BANK_OUTAGE -> {
                Fault wm = switch (f.profile().outage()) {
                    case RESET -> Fault.CONNECTION_RESET_BY_PEER;
                    case EMPTY -> Fault.EMPTY_RESPONSE;
                    case GARBAGE -> Fault.RANDOM_DATA_THEN_CLOSE;
                    case MALFORMED_CHUNK -> Fault.MALFORMED_RESPONSE_CHUNK;
                };
                b = ResponseDefinitionBuilder.responseDefinition().withFault(wm);
                detail.put("outage", f.profile().outage().wire());
            }
            case BANK_DELAY -> {
                Duration lab = f.nextDelay();
                long realMs = book.clock().toRealMillis(lab);
                b = ResponseDefinitionBuilder.like(ledger.transform(event)).but().withFixedDelay((int) realMs);
                detail.put("delayLabMillis", lab.toMillis());
                detail.put("delayRealMillis", realMs);
            }
            case BANK_DECLINE -> {
                b = json(200, Map.of("outcome", "DECLINED", "responseCode", f.profile().responseCode(),
                        "message", f.profile().description() == null ? "declined" : f.profile().description()));
                detail.put("responseCode", f.profile().responseCode());
            }
            default -> {
                return ledger.transform(event);
            }
        }
        detail.put("fault", f.profile().name());
        detail.put("terminalId", f.terminalId());
        detail.put("path", event.getRequest().getUrl());
        book.events().record("fault", "bank-request-faulted", detail);
        return b.withHeader(HEADER, f.profile().name()).build();
    }

    private static ResponseDefinitionBuilder json(int status, Map<String, Object> body) {
        try {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
