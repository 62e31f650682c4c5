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
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.firstsettle.core.CardData;
import io.firstsettle.core.LabClock;

/**
 * The bank: an in-process WireMock server on 127.0.0.1 (dynamic port) serving a plain WireMock root
 * ({@code fixtures/bank}: {@code mappings/*.json}, {@code __files/}). Money is kept by the {@code bank-ledger}
 * transformer, one ledger per instance. Faults are ordinary stubs with a higher priority (lower number) and
 * metadata {@code {"fault": "<name>"}}; {@link #removeFaults()} removes them all.
 */
public final class BankFake implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final LabClock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private BankFake(WireMockServer server, LabClock clock) {
        this.server = server;
        this.clock = clock;
    }

    public static BankFake start(Path fixturesRoot) {
        return start(fixturesRoot, null);
    }

    /** @param clock used to stamp journal entries with lab time; may be null */
    public static BankFake start(Path fixturesRoot, LabClock clock) {
        Path root = fixturesRoot.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("mappings"))) {
            throw new IllegalArgumentException("bank fixtures " + root + " have no mappings/ directory: pass a WireMock "
                    + "root such as fixtures/bank (run from the project root)");
        }
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderDirectory(root.toString())
                .jettyAcceptors(1)
                .containerThreads(12)
                .notifier(new ConsoleNotifier(false))
                .extensions(new BankLedger()));
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("bank fake cannot start from " + root + ": " + e.getMessage()
                    + " — check the JSON in mappings/", e);
        }
        return new BankFake(server, clock);
    }

    public int port() {
        return server.port();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    public WireMockServer wireMock() {
        return server;
    }

    /** Removes every stub whose metadata has a "fault" key. */
    public void removeFaults() {
        server.removeStubsByMetadata(matchingJsonPath("$.fault"));
    }

    /** Every request the bank saw, oldest first. */
    public List<BankJournal.Entry> journal() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        Instant realNow = Instant.now();
        Instant labNow = clock == null ? null : clock.now();
        List<BankJournal.Entry> out = new ArrayList<>();
        for (ServeEvent e : events) {
            Instant real = e.getRequest().getLoggedDate().toInstant();
            Instant lab = labNow == null ? null : labNow.minus(clock.toLab(Duration.between(real, realNow)));
            StubMapping stub = e.getStubMapping();
            boolean fault = stub != null && (stub.getMetadata() != null && stub.getMetadata().containsKey("fault")
                    || stub.getResponse() != null && stub.getResponse().getFault() != null);
            String path = e.getRequest().getUrl();
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            String respBody = e.getResponse() == null ? null : e.getResponse().getBodyAsString();
            out.add(new BankJournal.Entry(lab, real, e.getRequest().getMethod().getName(), path,
                    CardData.maskText(e.getRequest().getBodyAsString()), status, CardData.maskText(respBody), fault,
                    stub == null ? null : stub.getName()));
        }
        return out;
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
                        c.path("currency").asText(), c.path("status").asText(), c.path("reason").asText(null)));
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
