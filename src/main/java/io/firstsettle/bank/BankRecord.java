package io.firstsettle.bank;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.firstsettle.core.CardData;
import io.firstsettle.core.LabClock;

/**
 * The bank's own bounded record of what it served, in place of WireMock's request journal (which keeps every request
 * and response whole, without bound: 847 MB after ~136 MB of requests). Each exchange is kept as a compact
 * {@link BankJournal.Entry}, card data masked, the moment the response is ready (when WireMock's journal would have
 * had it); the oldest entries go once {@link #capacity()} is reached. The ledger keeps the money.
 *
 * <p>It is also the bank's request-size guard: a request whose body is over {@link #MAX_REQUEST_BYTES} is answered
 * 413 and never reaches a stub or the ledger.
 */
final class BankRecord implements ServeEventListener, RequestFilterV2 {
    /** The largest request body the bank takes (bytes): a bank API's requests are a few hundred bytes of JSON. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** Exchanges kept by default: ~1 KB each. */
    static final int DEFAULT_CAPACITY = 50_000;

    private final LabClock clock;
    private final int capacity;
    private final ArrayDeque<BankJournal.Entry> entries = new ArrayDeque<>();
    private long dropped;

    BankRecord(LabClock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public String getName() {
        return "firstsettle-bank-record";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    int capacity() {
        return capacity;
    }

    @Override
    public boolean applyToAdmin() {
        return false;
    }

    @Override
    public boolean applyToStubs() {
        return true;
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        long declared = -1;
        String cl = request.getHeader("Content-Length");
        if (cl != null) {
            try {
                declared = Long.parseLong(cl.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
        }
        long size = declared >= 0 ? declared : request.getBody() == null ? 0 : request.getBody().length;
        if (size > MAX_REQUEST_BYTES) {
            return RequestFilterAction.stopWith(new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(413)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"request body of " + size + " bytes is over the bank's limit of "
                            + MAX_REQUEST_BYTES + " bytes\"}").build());
        }
        return RequestFilterAction.continueWith(request);
    }

    @Override
    public void beforeResponseSent(ServeEvent e, Parameters parameters) {
        BankJournal.Entry entry = entry(e);
        synchronized (entries) {
            entries.addLast(entry);
            while (entries.size() > capacity) {
                entries.removeFirst();
                dropped++;
            }
        }
    }

    /** Every exchange kept, oldest first. */
    List<BankJournal.Entry> entries() {
        List<BankJournal.Entry> out;
        synchronized (entries) {
            out = new ArrayList<>(entries);
        }
        out.sort(Comparator.comparing(BankJournal.Entry::realTime));
        return out;
    }

    /**
     * Drops the exchanges of a terminal that is done for good (a fleet's terminal after the oracle judged it): those
     * whose request body names its TID (as the oracle attributes them) and its merchant's statement reads. The views
     * of terminals still running are untouched.
     *
     * @return the exchanges dropped
     */
    int retire(String tid, String mid) {
        String quotedTid = "\"" + tid + "\"";
        String statements = "/bank/v1/merchants/" + mid + "/";
        synchronized (entries) {
            int before = entries.size();
            entries.removeIf(e -> e.requestBody() != null && e.requestBody().contains(quotedTid)
                    || mid != null && e.path() != null && e.path().startsWith(statements));
            return before - entries.size();
        }
    }

    /** Exchanges held now. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Exchanges dropped because the record was full. */
    long dropped() {
        synchronized (entries) {
            return dropped;
        }
    }

    private BankJournal.Entry entry(ServeEvent e) {
        Instant real = e.getRequest().getLoggedDate().toInstant();
        Instant lab = clock == null ? null : clock.now().minus(clock.toLab(Duration.between(real, Instant.now())));
        StubMapping stub = e.getStubMapping();
        boolean appliedProfile = stub != null && stub.getMetadata() != null && stub.getMetadata().containsKey("faultId");
        boolean fault = stub != null && (!appliedProfile && stub.getMetadata() != null
                && stub.getMetadata().containsKey("fault")
                || stub.getResponse() != null && stub.getResponse().getFault() != null)
                || e.getResponse() != null && (e.getResponse().getFault() != null
                || e.getResponse().getHeaders() != null
                && e.getResponse().getHeaders().getHeader(FaultResponder.HEADER).isPresent());
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
        String respBody = e.getResponse() == null ? null : e.getResponse().getBodyAsString();
        return new BankJournal.Entry(lab, real, e.getRequest().getMethod().getName(), e.getRequest().getUrl(),
                CardData.maskText(e.getRequest().getBodyAsString()), status, CardData.maskText(respBody), fault,
                stub == null ? null : stub.getName());
    }
}
