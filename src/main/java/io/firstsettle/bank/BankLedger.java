package io.firstsettle.bank;

import static io.firstsettle.bank.LedgerRequest.read;
import static io.firstsettle.bank.LedgerRequest.req;
import static io.firstsettle.bank.LedgerRequest.reqLong;

import java.time.Instant;
import java.time.LocalDate;
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

import io.firstsettle.bank.LedgerRequest.BadRequest;
import io.firstsettle.core.CardData;
import io.firstsettle.fault.FaultKind;
import io.firstsettle.fault.FaultProfile;

/**
 * The bank's money, as a WireMock response transformer named {@value #NAME}. Mappings in fixtures/bank/mappings opt in
 * with {@code "transformers": ["bank-ledger"]}; stubs without it (faults added by tests) never touch the ledger.
 *
 * <p>Rules: an authorization puts nothing on the statement; a settlement credits each authorized, not reversed RRN
 * exactly once; a reversed authorization is never credited. One instance per {@link BankFake}.
 *
 * <p>Pending credits: a credit-stage fault (see {@link FaultBook}) puts holds on the credits a settlement creates. A
 * held credit is PENDING with the reason of its first unreleased hold; the ledger re-evaluates every hold against the
 * lab clock and the merchant's settlement-cycle count on each statement read and each settlement, and a credit turns
 * CREDITED exactly once, when its last hold is released.
 *
 * <p>Transformer parameter {@code declines} (optional, on the authorization mapping): a map from amountMinor (as text)
 * to the decline code, e.g. {@code {"5100": "51"}}.
 */
final class BankLedger implements ResponseDefinitionTransformerV2 {
    static final String NAME = "bank-ledger";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATEMENT = Pattern.compile("/bank/v1/merchants/([^/?]+)/statement");

    private record Auth(String merchantId, String terminalId, String stan, long amountMinor, String currency,
                        String rrn, String authCode, LocalDate saleDate) {
    }

    /**
     * Why a credit waits. Released when any given condition holds: the lab clock reached {@code releaseAt}, the
     * merchant's settlement cycles reached {@code releaseAtCycle}, or the fault {@code releaseOnRemovalOf} was removed.
     */
    private record Hold(String fault, String reason, Instant releaseAt, Long releaseAtCycle, String releaseOnRemovalOf) {
    }

    private static final class Credit {
        final String rrn;
        final long amountMinor;
        final String currency;
        final String batch;
        final LocalDate calendarValueDate;
        final List<Hold> holds;
        String status;
        String reason;
        Instant creditedAt;
        LocalDate valueDate;

        Credit(String rrn, long amountMinor, String currency, String batch, LocalDate calendarValueDate,
               List<Hold> holds) {
            this.rrn = rrn;
            this.amountMinor = amountMinor;
            this.currency = currency;
            this.batch = batch;
            this.calendarValueDate = calendarValueDate;
            this.holds = new ArrayList<>(holds);
            this.status = "PENDING";
        }
    }

    private final io.firstsettle.core.LabClock clock;
    private final FaultBook book;
    private final Map<String, Long> cycles = new HashMap<>();

    BankLedger(FaultBook book) {
        this.book = book;
        this.clock = book.clock();
    }

    private final Map<String, Auth> byRrn = new HashMap<>();
    private final Map<String, String> rrnByTerminalStan = new HashMap<>();
    private final Map<String, String> reversed = new HashMap<>();
    private final Map<String, List<Credit>> credits = new HashMap<>();
    private final Map<String, String> creditedRrns = new HashMap<>();
    private volatile CreditNotifier notifier;
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

    private Map<String, Object> authorize(JsonNode n, Parameters params) {
        String mid = req(n, "merchantId");
        String tid = req(n, "terminalId");
        String stan = req(n, "stan");
        long amount = reqLong(n, "amountMinor");
        String currency = n.path("currency").asText("978");
        String rrn = String.format("B%011d", ++rrnSeq);
        String auth = String.format("%06d", (rrnSeq * 7919) % 1_000_000);
        Map<String, Object> out = new LinkedHashMap<>();
        boolean advice = n.path("advice").asBoolean(false);
        if (advice && n.path("authCode").isTextual()) {
            auth = n.get("authCode").asText(); // the terminal approved it offline: the bank records, it cannot decline
        }
        Object declines = params == null || advice ? null : params.get("declines");
        if (declines instanceof Map<?, ?> m && m.get(String.valueOf(amount)) != null) {
            out.put("outcome", "DECLINED");
            out.put("responseCode", String.valueOf(m.get(String.valueOf(amount))));
            out.put("rrn", rrn);
            return out;
        }
        byRrn.put(rrn, new Auth(mid, tid, stan, amount, currency, rrn, auth, clock.nowZoned().toLocalDate()));
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
        String tid = n.path("terminalId").asText();
        long cycle = cycles.merge(mid, 1L, Long::sum);
        refresh(mid);
        List<BankAppliedFault> faults = book.creditFaults(tid, mid);
        boolean newMerchant = !credits.containsKey(mid) || credits.get(mid).isEmpty();
        List<Map<String, Object>> skipped = new ArrayList<>();
        int credited = 0;
        int held = 0;
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
            LocalDate calendarDate = null;
            List<Hold> holds = new ArrayList<>();
            for (BankAppliedFault f : faults) {
                FaultProfile p = f.profile();
                if (p.kind() == FaultKind.SETTLEMENT_CALENDAR) {
                    calendarDate = p.calendar().valueDate(a.saleDate());
                    holds.add(new Hold(p.name(), "value date " + calendarDate + " (" + p.calendar().wire() + ")",
                            calendarDate.atStartOfDay(clock.zone()).toInstant(), null, null));
                } else if (p.kind() == FaultKind.RISK_HOLD) {
                    if (newMerchant && credited + held == 0) {
                        holds.add(new Hold(p.name(), p.reason(), null, cycle + p.cycles(), null));
                    }
                } else {
                    holds.add(hold(f, cycle));
                }
            }
            Credit c = new Credit(rrn, a.amountMinor(), a.currency(), batch, calendarDate, holds);
            credits.computeIfAbsent(mid, k -> new ArrayList<>()).add(c);
            if (holds.isEmpty()) {
                release(c, mid);
                credited++;
            } else {
                c.reason = holds.get(0).reason();
                held++;
                book.events().record("fault", "credit-held", Map.of("rrn", rrn, "merchantId", mid,
                        "terminalId", tid, "fault", holds.get(0).fault(), "reason", c.reason));
            }
        }
        out.put("outcome", "ACCEPTED");
        out.put("settlementId", String.format("S%08d", ++settlementSeq));
        out.put("credited", credited);
        out.put("pending", held);
        out.put("skipped", skipped);
        return out;
    }

    /** The hold a credit-stage fault puts on a credit created now, in settlement cycle {@code cycle}. */
    private Hold hold(BankAppliedFault f, long cycle) {
        FaultProfile p = f.profile();
        Instant now = clock.now();
        return switch (p.kind()) {
            case BANK_UPGRADE -> new Hold(p.name(), p.reason(),
                    p.until() != null ? p.until() : p.window() != null ? now.plus(p.window()) : null,
                    p.cycles() == null ? null : cycle + p.cycles(), null);
            case BANK_DELAY -> new Hold(p.name(), p.reason() != null ? p.reason() : "credit run delayed",
                    now.plus(f.nextDelay()), null, null);
            case BANK_OUTAGE -> new Hold(p.name(), p.reason() != null ? p.reason()
                    : "credit run failed: " + p.outage().meaning(), f.windowEnd(), null,
                    f.windowEnd() == null ? f.id() : null);
            default -> new Hold(p.name(), p.reason() != null ? p.reason() : "bank maintenance until " + f.windowEnd(),
                    f.windowEnd(), null, f.windowEnd() == null ? f.id() : null);
        };
    }

    private boolean released(Hold h, String mid) {
        Instant now = clock.now();
        if (h.releaseAt() != null && !now.isBefore(h.releaseAt())) {
            return true;
        }
        if (h.releaseAtCycle() != null && cycles.getOrDefault(mid, 0L) >= h.releaseAtCycle()) {
            return true;
        }
        BankAppliedFault f = book.get(h.releaseOnRemovalOf());
        return f != null && f.removed();
    }

    /** Re-evaluates the merchant's pending credits against the lab clock and the cycle count. */
    private void refresh(String mid) {
        for (Credit c : credits.getOrDefault(mid, List.of())) {
            if (!"PENDING".equals(c.status)) {
                continue;
            }
            List<Hold> gone = c.holds.stream().filter(h -> released(h, mid)).toList();
            c.holds.removeAll(gone);
            for (Hold h : gone) {
                book.events().record("fault", "credit-hold-released", Map.of("rrn", c.rrn, "merchantId", mid,
                        "fault", h.fault(), "reason", h.reason()));
            }
            if (c.holds.isEmpty()) {
                release(c, mid);
            } else {
                c.reason = c.holds.get(0).reason();
            }
        }
    }

    /**
     * A terminal leaves the bank's books for good (a fleet's terminal once its day is settled and judged): its
     * authorizations, reversals and credits go, and its merchant's settlement-cycle count with the merchant's last
     * credit. Other terminals of the same merchant keep theirs. Returns the authorizations dropped.
     */
    synchronized int retire(String tid, String mid) {
        java.util.Set<String> rrns = new java.util.HashSet<>();
        byRrn.values().removeIf(a -> a.terminalId().equals(tid) && rrns.add(a.rrn()));
        rrnByTerminalStan.keySet().removeIf(k -> k.startsWith(tid + "|"));
        reversed.keySet().removeAll(rrns);
        creditedRrns.keySet().removeAll(rrns);
        List<Credit> mine = credits.getOrDefault(mid, new ArrayList<>());
        mine.removeIf(c -> rrns.contains(c.rrn));
        if (mine.isEmpty()) { // no credit left to hold: the cycle count has nothing to release
            credits.remove(mid);
            cycles.remove(mid);
        }
        return rrns.size();
    }

    /** Entries of every map the ledger keeps (authorizations, their keys, reversals, credits, merchants' cycles). */
    synchronized int records() {
        return byRrn.size() + rrnByTerminalStan.size() + reversed.size() + creditedRrns.size() + cycles.size()
                + credits.values().stream().mapToInt(List::size).sum();
    }

    /** Where credit notifications go from now on; null stops them. */
    void notifyCreditsTo(java.net.URI target) {
        notifier = target == null ? null : new CreditNotifier(target, book.events());
    }

    /** PENDING -> CREDITED, once; the webhook (if configured) is told exactly then. */
    private void release(Credit c, String mid) {
        if ("CREDITED".equals(c.status)) {
            return;
        }
        c.status = "CREDITED";
        c.creditedAt = clock.now();
        c.valueDate = c.calendarValueDate != null ? c.calendarValueDate : clock.nowZoned().toLocalDate();
        c.reason = "settled in batch " + c.batch;
        CreditNotifier n = notifier;
        if (n != null) {
            n.notifyCredited(mid, c.rrn, c.amountMinor, c.currency, c.valueDate.toString(), c.creditedAt.toString());
        }
    }

    private Map<String, Object> statement(String mid) {
        refresh(mid);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("merchantId", mid);
        out.put("credits", credits.getOrDefault(mid, List.of()).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rrn", c.rrn);
            m.put("amountMinor", c.amountMinor);
            m.put("currency", c.currency);
            m.put("status", c.status);
            m.put("reason", c.reason);
            m.put("batch", c.batch);
            m.put("valueDate", c.valueDate != null ? c.valueDate.toString()
                    : c.calendarValueDate != null ? c.calendarValueDate.toString() : null);
            m.put("creditedAt", c.creditedAt == null ? null : c.creditedAt.toString());
            return m;
        }).toList());
        return out;
    }
}
