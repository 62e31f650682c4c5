package io.firstsettle.bank;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.firstsettle.core.CardData;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.fault.AppliedFault;
import io.firstsettle.fault.FaultProfile;
import io.firstsettle.fault.FaultTarget;
import io.firstsettle.fault.Stage;

/**
 * The bank: an in-process WireMock server on 127.0.0.1 (dynamic port) serving a plain WireMock root
 * ({@code fixtures/bank}: {@code mappings/*.json}, {@code __files/}). Money is kept by the {@code bank-ledger}
 * transformer, one ledger per instance. Faults are ordinary stubs with a higher priority (lower number) and
 * metadata {@code {"fault": "<name>"}}; {@link #removeFaults()} removes them all.
 *
 * <p>Fault profiles ({@code fixtures/faults}) are applied with {@link #apply(FaultProfile, FaultTarget)}, scoped to one
 * terminal: request-stage faults are stubs matching the request body's {@code terminalId}, credit-stage faults are
 * holds the ledger puts on that terminal's settlements. Two scenarios sharing a bank never see each other's faults.
 */
public final class BankFake implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final LabClock clock;
    private final FaultBook book;
    private final AtomicLong faultSeq = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final BankLedger ledger;
    private final BankRecord record;

    private BankFake(WireMockServer server, LabClock clock, FaultBook book, BankLedger ledger, BankRecord record) {
        this.ledger = ledger;
        this.record = record;
        this.server = server;
        this.clock = clock;
        this.book = book;
    }

    public static BankFake start(Path fixturesRoot) {
        return start(fixturesRoot, null);
    }

    /** @param clock used to stamp journal entries with lab time; may be null */
    public static BankFake start(Path fixturesRoot, LabClock clock) {
        return start(fixturesRoot, clock, EventSink.NONE);
    }

    /**
     * @param clock  lab clock for journal stamps and fault windows; null = wall time
     * @param events where fault events go (source "fault")
     */
    public static BankFake start(Path fixturesRoot, LabClock clock, EventSink events) {
        return start(fixturesRoot, clock, events, 0);
    }

    /** @param port TCP port on 127.0.0.1, 0 for an ephemeral one */
    public static BankFake start(Path fixturesRoot, LabClock clock, EventSink events, int port) {
        return start(fixturesRoot, clock, events, port, 12);
    }

    /** @param threads Jetty's request threads (12 for one rig; a fleet's shared bank needs more) */
    public static BankFake start(Path fixturesRoot, LabClock clock, EventSink events, int port, int threads) {
        FaultBook book = new FaultBook(clock == null ? LabClock.real() : clock, events == null ? EventSink.NONE : events);
        BankLedger ledger = new BankLedger(book);
        Path root = fixturesRoot.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("mappings"))) {
            throw new IllegalArgumentException("bank fixtures " + root + " have no mappings/ directory: pass a WireMock "
                    + "root such as fixtures/bank (run from the project root)");
        }
        BankRecord record = new BankRecord(clock, BankRecord.DEFAULT_CAPACITY);
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .port(port)
                .usingFilesUnderDirectory(root.toString())
                .jettyAcceptors(1)
                .jettyAcceptQueueSize(1024) // a fleet's terminals read their statements at once
                .containerThreads(Math.max(12, threads))
                .notifier(new ConsoleNotifier(false))
                .disableRequestJournal() // unbounded; the bank's own record and the ledger are the record
                .extensions(ledger, new FaultResponder(book, ledger), record));
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("bank fake cannot start from " + root + ": " + e.getMessage()
                    + " — check the JSON in mappings/", e);
        }
        return new BankFake(server, clock, book, ledger, record);
    }

    public int port() {
        return server.port();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    /**
     * The credit-notification webhook: from now on, every credit that becomes CREDITED (at settlement, or when its hold
     * is released) is POSTed once to {@code target} as
     * {@code {merchantId, rrn, amountMinor, currency, valueDate, creditedAt}}. A hold's release is noticed when the bank
     * next looks at the merchant's credits (a statement read or a settlement). Pass null to stop.
     */
    public BankFake notifyCreditsTo(URI target) {
        ledger.notifyCreditsTo(target);
        book.events().record("bank", "credit-webhook", Map.of("url", String.valueOf(target)));
        return this;
    }

    public WireMockServer wireMock() {
        return server;
    }

    /** Removes every stub whose metadata has a "fault" key, and ends every applied fault profile. */
    public void removeFaults() {
        book.all().forEach(BankAppliedFault::remove);
        server.removeStubsByMetadata(matchingJsonPath("$.fault"));
    }

    /** Applies a bank fault profile to one terminal (host timeout 30 s lab for bank-delay profiles). */
    public AppliedFault apply(FaultProfile profile, String terminalId) {
        return apply(profile, FaultTarget.terminal(terminalId));
    }

    /**
     * Applies a bank fault profile to one terminal; its window starts now on the lab clock. Request-stage faults add one
     * stub (priority 1, metadata {@code fault}, {@code faultId}, {@code terminalId}); credit-stage faults hold the
     * credits of that terminal's later settlements. {@link AppliedFault#remove()} undoes it in one call.
     */
    public AppliedFault apply(FaultProfile profile, FaultTarget target) {
        if (!profile.kind().atBank()) {
            throw new IllegalArgumentException("fault '" + profile.name() + "' is of kind " + profile.kind().wire()
                    + ", which the bank cannot apply: " + (profile.kind().wire().equals("link")
                    ? "start a LinkFaultProxy with it" : "apply it to the AcquirerHost"));
        }
        String id = profile.name() + "-" + faultSeq.incrementAndGet();
        Stage stage = profile.stage();
        UUID stubId = stage.path() == null ? null : UUID.randomUUID();
        BankAppliedFault f = new BankAppliedFault(id, profile, target, book.clock(), book.events(), () -> {
            if (stubId != null) {
                StubMapping s = server.getSingleStubMapping(stubId);
                if (s != null) {
                    server.removeStubMapping(s);
                }
            }
        });
        book.add(f);
        if (stubId != null) {
            Map<String, Object> params = new LinkedHashMap<>(baseParameters(stage.path()));
            params.put("faultId", id);
            MappingBuilder mb = WireMock.post(WireMock.urlPathEqualTo(stage.path()))
                    .withId(stubId)
                    .atPriority(1)
                    .withName("fault " + id);
            if (!target.allTerminals()) {
                mb = mb.withRequestBody(matchingJsonPath("$.terminalId", WireMock.equalTo(target.terminalId())));
            }
            mb = mb.withMetadata(Map.of("fault", profile.name(), "faultId", id, "terminalId", target.terminalId()))
                    .willReturn(WireMock.aResponse().withTransformers(FaultResponder.NAME)
                            .withTransformerParameters(params));
            if (target.merchantId() != null) {
                mb = mb.withRequestBody(matchingJsonPath("$.merchantId", WireMock.equalTo(target.merchantId())));
            }
            server.stubFor(mb);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("fault", profile.name());
        ev.put("id", id);
        ev.put("kind", profile.kind().wire());
        ev.put("stage", stage.wire());
        ev.put("terminalId", target.terminalId());
        ev.put("windowEnd", f.windowEnd() == null ? "until removed" : f.windowEnd().toString());
        book.events().record("fault", "applied", ev);
        return f;
    }

    /** Every fault profile applied so far (removed ones included; see {@link AppliedFault#active()}). */
    public List<AppliedFault> appliedFaults() {
        return List.copyOf(book.all());
    }

    /** The ledger mapping's transformer parameters for a path (e.g. the declines table), so a fault stub keeps them. */
    private Map<String, Object> baseParameters(String path) {
        for (StubMapping m : server.getStubMappings()) {
            boolean fault = m.getMetadata() != null && m.getMetadata().containsKey("fault");
            if (!fault && m.getRequest() != null && path.equals(m.getRequest().getUrlPath())
                    && m.getResponse() != null && m.getResponse().getTransformerParameters() != null) {
                return new LinkedHashMap<>(m.getResponse().getTransformerParameters());
            }
        }
        return Map.of();
    }

    /**
     * Every request the bank saw, oldest first: its own bounded record (the last {@value BankRecord#DEFAULT_CAPACITY}
     * exchanges), not WireMock's request journal, which is off.
     */
    public List<BankJournal.Entry> journal() {
        return record.entries();
    }

    /**
     * A terminal leaves the bank for good (a fleet's terminal once its day is settled and the oracle judged it): the
     * bank drops its authorizations, reversals and credits from the ledger, its exchanges from the bank's record and
     * its removed faults, so that a soak of thousands of one-day terminals keeps the bank's memory flat. Never call it
     * for a terminal whose transaction is still to be judged. Other terminals of the merchant keep their credits.
     */
    public void retire(String terminalId, String merchantId) {
        ledger.retire(terminalId, merchantId);
        record.retire(terminalId, merchantId);
        book.retire(terminalId);
    }

    /** Entries the ledger holds now (for tests of its bound). */
    int ledgerRecords() {
        return ledger.records();
    }

    /** Faults the bank knows now, removed ones included. */
    int faultsKnown() {
        return book.all().size();
    }

    /** Exchanges the bank's record holds now (see {@link #journal()}). */
    public int journalSize() {
        return record.size();
    }

    /** The largest request body the bank takes; a bigger one is answered 413. */
    public static int maxRequestBytes() {
        return BankRecord.MAX_REQUEST_BYTES;
    }

    /** Reads the merchant's statement through {@code GET /bank/v1/merchants/{id}/statement}. */
    public MerchantStatement statement(String merchantId) {
        URI uri = baseUrl().resolve("bank/v1/merchants/" + URLEncoder.encode(merchantId, StandardCharsets.UTF_8)
                + "/statement");
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered HTTP " + r.statusCode() + ": " + r.body()
                        + " — is a fault stub overriding the statement? call removeFaults()");
            }
            JsonNode n = JSON.readTree(r.body());
            List<MerchantStatement.Credit> credits = new ArrayList<>();
            for (JsonNode c : n.path("credits")) {
                credits.add(new MerchantStatement.Credit(c.path("rrn").asText(), c.path("amountMinor").asLong(),
                        c.path("currency").asText(), c.path("status").asText(), c.path("reason").asText(null),
                        c.path("valueDate").isTextual() ? java.time.LocalDate.parse(c.path("valueDate").asText()) : null,
                        c.path("creditedAt").isTextual() ? Instant.parse(c.path("creditedAt").asText()) : null));
            }
            return new MerchantStatement(n.path("merchantId").asText(merchantId), credits);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the statement at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + uri, e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
