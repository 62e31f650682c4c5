package io.firstsettle.host;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.firstsettle.core.LabClock;

/**
 * What the acquirer knows: the durable terminal store (it survives {@link AcquirerHost#restart()}) and its working
 * memory (the open batches' sales and the reversals received, lost on a restart), plus its RRN and approval-code
 * counters. Shared by {@link Acquirer} (sign-on, sales, reversals) and {@link Settlement} (batch upload, 0500).
 */
final class AcquirerBook {
    private static final DateTimeFormatter RRN_DAY = DateTimeFormatter.ofPattern("yyMMdd");

    /**
     * What the host keeps about a terminal in its durable store: sign-on, batch number, the STANs seen, and the
     * transactions uploaded by 0320, by batch and original STAN.
     */
    static final class TerminalState {
        String mid;
        boolean signedOn;
        int batch = 1;
        final Set<String> stans = new HashSet<>();
        final Map<Integer, Map<String, Upload>> uploads = new HashMap<>();
    }

    /** How the host judged one uploaded (0320) transaction against what it knows. */
    enum UploadVerdict {
        /** In the host's open-batch table, approved and not reversed: counted already. */
        KNOWN,
        /** Not in the open-batch table, but the journal shows the host approved it (0210/0230 "00") and never reversed it. */
        RECOVERED,
        /** The host cannot confirm it approved this transaction: it is never settled on the terminal's word alone. */
        UNCONFIRMED
    }

    /** One 0320 batch upload: the original sale's STAN, the RRN the terminal holds (may be null) and the amount. */
    record Upload(String originalStan, String rrn, long amountMinor, UploadVerdict verdict, String why,
                  String hostRrn) {
    }

    /** One financial transaction of an open batch. */
    static final class Sale {
        final String tid;
        final String mid;
        final String stan;
        final long amount;
        final String currency;
        final int batch;
        /** false for an 0100 authorization: never settled by itself. */
        final boolean captured;
        volatile String rrn;
        volatile Outcome outcome;
        volatile boolean reversed;
        /** A 0400 came while the bank still had the authorization: reverse at the bank once it answers. */
        boolean reversalRequested;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Sale(String tid, String mid, String stan, long amount, String currency, int batch, boolean captured) {
            this.captured = captured;
            this.tid = tid;
            this.mid = mid;
            this.stan = stan;
            this.amount = amount;
            this.currency = currency;
            this.batch = batch;
        }
    }

    final Map<String, TerminalState> terminals;
    final Map<String, Sale> sales = new ConcurrentHashMap<>();
    final Set<String> reversals = ConcurrentHashMap.newKeySet();
    private final AtomicLong rrnSeq = new AtomicLong();
    private final AtomicLong authSeq = new AtomicLong();
    private final LabClock clock;

    /** @param terminals the durable terminal store, shared with the host's previous life after a restart */
    AcquirerBook(Map<String, TerminalState> terminals, LabClock clock) {
        this.terminals = terminals;
        this.clock = clock;
    }

    /** The terminal's record when it is signed on, else null. */
    TerminalState signedOn(String tid) {
        TerminalState st = tid == null ? null : terminals.get(tid);
        if (st == null) {
            return null;
        }
        synchronized (st) {
            return st.signedOn ? st : null;
        }
    }

    /**
     * A terminal leaves the acquirer for good (a fleet's one-day terminal once its batch is settled and its
     * transaction judged): its record, its open-batch sales and the reversals it sent are dropped, as a real acquirer
     * drops a decommissioned terminal from its working memory. A fleet of thousands of such terminals then keeps the
     * book as small as the terminals still running. A later sign-on under the same TID starts afresh.
     *
     * @return the sales and reversals dropped
     */
    int retire(String tid) {
        terminals.remove(tid);
        String prefix = key(tid, "");
        int before = sales.size() + reversals.size();
        sales.keySet().removeIf(k -> k.startsWith(prefix));
        reversals.removeIf(k -> k.startsWith(prefix));
        return before - sales.size() - reversals.size();
    }

    static String key(String tid, String stan) {
        return tid + "|" + stan;
    }

    String newRrn() {
        return RRN_DAY.format(clock.nowZoned()) + String.format("%06d", rrnSeq.incrementAndGet() % 1_000_000);
    }

    String newAuthCode() {
        return String.format("%06d", authSeq.incrementAndGet() % 1_000_000);
    }
}
