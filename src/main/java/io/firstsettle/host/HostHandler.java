package io.firstsettle.host;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOSource;
import org.jpos.iso.ISOUtil;

import io.firstsettle.core.CardData;

/** The host's message rules (fixtures/iso8583/README.md). Package-private: {@link AcquirerHost} is the surface. */
final class HostHandler {
    private static final DateTimeFormatter DE12 = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter DE13 = DateTimeFormatter.ofPattern("MMdd");
    private static final DateTimeFormatter RRN_DAY = DateTimeFormatter.ofPattern("yyMMdd");
    /** A dummy working key (test only, never a real key). */
    private static final byte[] WORKING_KEY = ISOUtil.hex2byte("0123456789ABCDEFFEDCBA9876543210");

    private final HostConfig config;
    private final ResponseCodes codes;
    private final BankClient bank;
    private final HostJournal journal;
    private final HostFaults faults;

    private final Map<String, TerminalState> terminals;
    private final Map<String, Sale> sales = new ConcurrentHashMap<>();
    private final Set<String> reversals = ConcurrentHashMap.newKeySet();
    private final AtomicLong rrnSeq = new AtomicLong();
    private final AtomicLong authSeq = new AtomicLong();

    /**
     * What the host keeps about a terminal in its durable store (it survives {@link AcquirerHost#restart()}): sign-on,
     * batch number, the STANs seen, and the transactions uploaded by 0320, by batch and original STAN.
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

    private static final class Sale {
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

    HostHandler(HostConfig config, ResponseCodes codes, BankClient bank, HostJournal journal) {
        this(config, codes, bank, journal, new HostFaults(config.clock(), config.events()));
    }

    HostHandler(HostConfig config, ResponseCodes codes, BankClient bank, HostJournal journal, HostFaults faults) {
        this(config, codes, bank, journal, faults, new ConcurrentHashMap<>());
    }

    /** @param terminals the durable terminal store, shared with the host's previous life after a restart */
    HostHandler(HostConfig config, ResponseCodes codes, BankClient bank, HostJournal journal, HostFaults faults,
                Map<String, TerminalState> terminals) {
        this.terminals = terminals;
        this.config = config;
        this.codes = codes;
        this.bank = bank;
        this.journal = journal;
        this.faults = faults;
    }

    void handle(ISOSource source, ISOMsg in) {
        String mti = "????";
        ISOMsg out;
        try {
            mti = in.getMTI();
            record("in", in, Map.of());
            out = reply(in);
            java.util.Optional<HostFaults.Applied> refused = faults.refusal(in.getString(41));
            String malformed = HostRequestCheck.problem(in);
            if (malformed != null) {
                copy(in, out, 11, 41, 42);
                out.set(39, codes.de39(Outcome.FORMAT_ERROR));
                config.events().record("host", "format-error", Map.of("mti", String.valueOf(mti), "why", malformed));
            } else if (refused.isPresent()) {
                copy(in, out, 11, 41, 42, 70);
                out.set(39, refused.get().profile().responseCode());
                config.events().record("fault", "host-request-refused", Map.of("fault",
                        refused.get().profile().name(), "mti", mti, "tid", String.valueOf(in.getString(41)),
                        "responseCode", refused.get().profile().responseCode()));
            } else switch (mti) {
                case "0800" -> signOn(in, out);
                case "0100" -> sale(in, out, Kind.AUTHORIZATION);
                case "0200" -> sale(in, out, Kind.SALE);
                case "0220", "0221" -> sale(in, out, Kind.ADVICE);
                case "0320", "0321" -> upload(in, out);
                case "0400", "0401" -> reversal(in, out);
                case "0500", "0501" -> reconcile(in, out);
                default -> {
                    copy(in, out, 11, 41, 42);
                    out.set(39, codes.de39(Outcome.INVALID_TRANSACTION));
                }
            }
        } catch (Exception e) {
            config.events().record("host", "error", Map.of("mti", mti, "error", String.valueOf(e)));
            try {
                out = reply(in);
                copy(in, out, 11, 41, 42);
                out.set(39, codes.de39(Outcome.BANK_ERROR));
            } catch (ISOException e2) {
                return;
            }
        }
        try {
            Map<String, String> extra = new LinkedHashMap<>();
            if (out.getMTI().startsWith("041") && originalStan(in) != null) {
                extra.put("originalStan", originalStan(in)); // a 0400 without DE11/DE90 still gets its answer
            }
            record("out", out, extra); // journal first: whoever reads the reply may query the journal at once
            source.send(out);
        } catch (Exception e) {
            config.events().record("host", "send-failed", Map.of("mti", mti, "error", String.valueOf(e),
                    "hint", "the terminal closed the connection before the host answered"));
        }
    }

    private ISOMsg reply(ISOMsg in) throws ISOException {
        ISOMsg out = new ISOMsg();
        String mti = in.getMTI();
        out.setMTI(HostRequestCheck.replyMti(mti));
        byte[] header = in.getHeader();
        if (header != null) {
            out.setHeader(replyHeader(header));
        }
        ZonedDateTime now = config.clock().nowZoned();
        out.set(12, DE12.format(now));
        out.set(13, DE13.format(now));
        return out;
    }

    /**
     * The reply's channel header. 5 bytes: returned as received, NACChannel swaps destination and source itself.
     * 11 bytes (China UnionPay style: TPDU 5 + application header 6): NACChannel swaps only 5-byte headers, so the host
     * swaps the TPDU's destination and source here and echoes the 6-byte application header unchanged.
     */
    static byte[] replyHeader(byte[] in) {
        byte[] h = in.clone();
        if (h.length == HostConfig.CUP_HEADER_BYTES) {
            h[1] = in[3];
            h[2] = in[4];
            h[3] = in[1];
            h[4] = in[2];
        }
        return h;
    }

    // ---- 0800 -------------------------------------------------------------------------------------------------

    private void signOn(ISOMsg in, ISOMsg out) throws ISOException {
        copy(in, out, 11, 41, 42, 70);
        String tid = in.getString(41);
        String mid = in.getString(42);
        if (tid == null || mid == null) {
            out.set(39, codes.de39(Outcome.FORMAT_ERROR));
            return;
        }
        String code = in.hasField(70) ? in.getString(70) : "001";
        TerminalState st = terminals.computeIfAbsent(tid, k -> new TerminalState());
        int batch;
        synchronized (st) {
            if ("002".equals(code)) {
                st.signedOn = false;
            } else if ("001".equals(code)) {
                st.signedOn = true;
                st.mid = mid;
            }
            batch = st.batch;
        }
        out.set(39, codes.de39(Outcome.APPROVED));
        out.set(60, String.format("%06d", batch));
        if ("001".equals(code)) {
            out.set(62, WORKING_KEY.clone());
        }
    }

    private TerminalState signedOn(String tid) {
        TerminalState st = tid == null ? null : terminals.get(tid);
        if (st == null) {
            return null;
        }
        synchronized (st) {
            return st.signedOn ? st : null;
        }
    }

    // ---- 0200 -------------------------------------------------------------------------------------------------

    /** The three financial requests that go to the bank's authorization endpoint. */
    private enum Kind {
        /** 0100: authorization only, never settled by itself. */
        AUTHORIZATION,
        /** 0200: authorization and capture. */
        SALE,
        /** 0220: a sale the terminal approved offline; the host journals it, tells the bank and settles it. */
        ADVICE
    }

    private void sale(ISOMsg in, ISOMsg out, Kind kind) throws ISOException {
        copy(in, out, 3, 4, 11, 41, 42, 49);
        if (kind == Kind.ADVICE) {
            copy(in, out, 38);
        }
        String tid = in.getString(41);
        String mid = in.getString(42);
        String stan = in.getString(11);
        if (tid == null || mid == null || stan == null || !in.hasField(4) || !in.hasField(2) && !in.hasField(35)) {
            out.set(39, codes.de39(Outcome.FORMAT_ERROR));
            return;
        }
        TerminalState st = signedOn(tid);
        if (st == null) {
            out.set(37, newRrn());
            out.set(39, codes.de39(Outcome.NOT_SIGNED_ON));
            return;
        }
        long amount = Long.parseLong(in.getString(4));
        String currency = in.hasField(49) ? in.getString(49) : "978";
        Sale sale;
        synchronized (st) {
            Sale earlier = sales.get(key(tid, stan));
            if (kind == Kind.ADVICE && earlier != null && earlier.captured && earlier.outcome == Outcome.APPROVED
                    && earlier.amount == amount) {
                // a repeated advice (the terminal did not see the 0230): acknowledged again, no second effect
                config.events().record("host", "advice-repeat", Map.of("tid", tid, "stan", stan));
                out.set(37, earlier.rrn);
                out.set(39, codes.de39(Outcome.APPROVED));
                return;
            }
            if (!st.stans.add(stan)) {
                out.set(37, newRrn());
                out.set(39, codes.de39(Outcome.DUPLICATE));
                return;
            }
            if (reversals.contains(key(tid, stan))) {
                // the terminal's reversal overtook this original on another connection: the terminal has already
                // given the sale up, so it must not be authorized now
                config.events().record("host", "original-after-reversal", Map.of("tid", tid, "stan", stan));
                out.set(37, newRrn());
                out.set(39, codes.de39(Outcome.INVALID_TRANSACTION));
                return;
            }
            sale = new Sale(tid, mid, stan, amount, currency, st.batch, kind != Kind.AUTHORIZATION);
            sales.put(key(tid, stan), sale);
        }
        try {
            BankClient.Reply r = kind == Kind.ADVICE
                    ? bank.advise(mid, tid, stan, amount, currency, CardData.mask(pan(in)), in.getString(38))
                    : bank.authorize(mid, tid, stan, amount, currency, CardData.mask(pan(in)));
            Outcome outcome = switch (r.kind()) {
                case ACCEPTED -> Outcome.APPROVED;
                case DECLINED -> Outcome.BANK_DECLINED;
                case UNAVAILABLE -> Outcome.BANK_UNAVAILABLE;
                case ERROR -> Outcome.BANK_ERROR;
                case LATE -> Outcome.LATE;
            };
            String rrn = r.rrn() != null && r.rrn().length() == 12 ? r.rrn() : newRrn();
            boolean reverseNow;
            synchronized (sale) {
                sale.rrn = rrn;
                sale.outcome = outcome;
                reverseNow = sale.reversalRequested && outcome == Outcome.APPROVED;
            }
            if (reverseNow) {
                // the terminal's reversal overtook the bank's approval: pass it on now (store and forward)
                BankClient.Reply rev = bank.reverse(mid, tid, rrn, stan, amount);
                config.events().record("host", "late-approval-reversed", Map.of("tid", tid, "stan", stan,
                        "kind", rev.kind().name()));
            }
            out.set(37, rrn);
            if (kind == Kind.ADVICE && outcome != Outcome.APPROVED) {
                // not acknowledged: the terminal keeps the advice and sends it again; the next one is processed afresh
                synchronized (st) {
                    st.stans.remove(stan);
                    sales.remove(key(tid, stan), sale);
                }
                config.events().record("host", "advice-not-acknowledged", Map.of("tid", tid, "stan", stan,
                        "why", "bank " + r.kind() + ": " + r.detail()));
            }
            if (kind == Kind.ADVICE && outcome == Outcome.APPROVED) {
                out.set(39, codes.de39(Outcome.APPROVED));
            } else if (outcome == Outcome.APPROVED) {
                String auth = r.authCode() != null && r.authCode().length() == 6 ? r.authCode()
                        : String.format("%06d", authSeq.incrementAndGet() % 1_000_000);
                out.set(38, auth);
                out.set(39, codes.de39(Outcome.APPROVED));
            } else if (outcome == Outcome.BANK_DECLINED && r.bankCode() != null && r.bankCode().matches("[0-9A-Z]{2}")
                    && !"00".equals(r.bankCode())) {
                out.set(39, r.bankCode());
            } else {
                out.set(39, codes.de39(outcome));
            }
        } finally {
            sale.done.complete(null);
        }
    }

    // ---- 0400 -------------------------------------------------------------------------------------------------

    private void reversal(ISOMsg in, ISOMsg out) throws ISOException {
        copy(in, out, 3, 4, 11, 41, 42, 49, 90);
        String tid = in.getString(41);
        String stan = originalStan(in);
        if (tid == null || stan == null) {
            out.set(39, codes.de39(Outcome.FORMAT_ERROR));
            return;
        }
        if (signedOn(tid) == null) {
            out.set(39, codes.de39(Outcome.NOT_SIGNED_ON));
            return;
        }
        String key = key(tid, stan);
        if (!reversals.add(key)) {
            config.events().record("host", "reversal-repeat", Map.of("tid", tid, "originalStan", stan));
            out.set(39, codes.de39(Outcome.APPROVED));
            return;
        }
        Sale sale = sales.get(key);
        if (sale != null) {
            try {
                long realWait = config.clock().toRealMillis(config.bankBudget()) + 1000;
                sale.done.get(realWait, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // the bank has not answered yet: handled below
            }
            synchronized (sale) {
                if (sale.outcome == null) {
                    // still at the bank: acknowledge and reverse at the bank when its answer comes (see sale())
                    sale.reversalRequested = true;
                    sale.reversed = true;
                    config.events().record("host", "reversal-while-pending", Map.of("tid", tid,
                            "originalStan", stan, "action", "reverse at the bank when it answers"));
                    out.set(39, codes.de39(Outcome.APPROVED));
                    return;
                }
            }
            Outcome o = sale.outcome;
            if (o == Outcome.APPROVED || o == Outcome.LATE || o == Outcome.BANK_ERROR) {
                BankClient.Reply r = bank.reverse(sale.mid, tid, o == Outcome.APPROVED ? sale.rrn : null, stan, sale.amount);
                config.events().record("host", "bank-reversal", Map.of("tid", tid, "originalStan", stan,
                        "kind", r.kind().name(), "detail", String.valueOf(r.detail())));
                Outcome failed = switch (r.kind()) {
                    case UNAVAILABLE -> Outcome.BANK_UNAVAILABLE;
                    case ERROR -> Outcome.BANK_ERROR;
                    case LATE -> Outcome.LATE;
                    default -> null;
                };
                if (failed != null && o == Outcome.APPROVED) {
                    // the issuer still holds the money: do not acknowledge, so the terminal keeps its reversal and
                    // sends it again; the next one is processed afresh
                    reversals.remove(key);
                    config.events().record("host", "reversal-not-acknowledged", Map.of("tid", tid,
                            "originalStan", stan, "why", "bank reversal " + r.kind()));
                    if (sale.rrn != null) {
                        out.set(37, sale.rrn);
                    }
                    out.set(39, codes.de39(failed));
                    return;
                }
            }
            sale.reversed = true;
            if (sale.rrn != null) {
                out.set(37, sale.rrn);
            }
        }
        out.set(39, codes.de39(Outcome.APPROVED));
    }

    private static String originalStan(ISOMsg in) {
        String de90 = in.getString(90);
        if (de90 != null && de90.length() >= 10 && !de90.substring(4, 10).equals("000000")) {
            return de90.substring(4, 10);
        }
        return in.getString(11);
    }

    // ---- 0500 -------------------------------------------------------------------------------------------------

    private void reconcile(ISOMsg in, ISOMsg out) throws ISOException {
        copy(in, out, 11, 41, 42, 60);
        String tid = in.getString(41);
        String mid = in.getString(42);
        if (tid == null || mid == null || !in.hasField(60)) {
            out.set(39, codes.de39(Outcome.FORMAT_ERROR));
            return;
        }
        TerminalState st = signedOn(tid);
        if (st == null) {
            out.set(39, codes.de39(Outcome.NOT_SIGNED_ON));
            return;
        }
        int batch = Integer.parseInt(in.getString(60).trim());
        List<Sale> mine = new ArrayList<>();
        for (Sale s : sales.values()) {
            if (s.tid.equals(tid) && s.batch == batch && s.captured && s.outcome == Outcome.APPROVED && !s.reversed) {
                mine.add(s);
            }
        }
        List<Upload> unconfirmed = new ArrayList<>();
        synchronized (st) {
            for (Upload u : st.uploads.getOrDefault(batch, Map.of()).values()) {
                if (u.verdict() == UploadVerdict.RECOVERED && sales.get(key(tid, u.originalStan())) == null) {
                    Sale s = new Sale(tid, mid, u.originalStan(), u.amountMinor(), "978", batch, true);
                    s.rrn = u.hostRrn();
                    s.outcome = Outcome.APPROVED;
                    mine.add(s);
                } else if (u.verdict() == UploadVerdict.UNCONFIRMED) {
                    unconfirmed.add(u);
                }
            }
        }
        for (Upload u : unconfirmed) {
            config.events().record("host", "upload-not-settled", Map.of("tid", tid, "batch", batch,
                    "originalStan", u.originalStan(), "amountMinor", u.amountMinor(), "why", u.why()));
        }
        mine.sort((a, b) -> a.stan.compareTo(b.stan));
        long count = mine.size();
        long total = mine.stream().mapToLong(s -> s.amount).sum();
        boolean balanced = num(in, 76) == count && num(in, 88) == total && num(in, 74) == 0 && num(in, 86) == 0;
        config.events().record("host", "reconcile", Map.of("tid", tid, "batch", batch, "hostCount", count,
                "hostTotalMinor", total, "terminalCount", num(in, 76), "terminalTotalMinor", num(in, 88),
                "balanced", balanced));
        if (!balanced) {
            out.set(39, codes.de39(Outcome.RECONCILE_ERROR));
            out.set(66, "2");
            return;
        }
        out.set(66, "1");
        BankClient.Reply r = bank.settle(mid, tid, String.format("%06d", batch),
                mine.stream().map(s -> new BankClient.SettledTxn(s.rrn, s.stan, s.amount)).toList());
        Outcome o = switch (r.kind()) {
            case ACCEPTED -> Outcome.APPROVED;
            case DECLINED, ERROR -> Outcome.BANK_ERROR;
            case UNAVAILABLE -> Outcome.BANK_UNAVAILABLE;
            case LATE -> Outcome.LATE;
        };
        if (o == Outcome.APPROVED) {
            synchronized (st) {
                if (st.batch == batch) {
                    st.batch = batch + 1;
                }
                st.uploads.remove(batch);
            }
        }
        out.set(39, codes.de39(o));
    }

    // ---- 0320 -------------------------------------------------------------------------------------------------

    /**
     * Batch upload: acknowledged "00" once recorded. Whether the transaction is settled is decided at the next 0500 of
     * that batch: only when the host itself approved it (open-batch table or journal), never on the terminal's word.
     */
    private void upload(ISOMsg in, ISOMsg out) throws ISOException {
        copy(in, out, 3, 4, 11, 37, 41, 42, 60, 90);
        String tid = in.getString(41);
        String stan = originalStan(in);
        if (tid == null || stan == null || !in.hasField(4) || !in.hasField(60)) {
            out.set(39, codes.de39(Outcome.FORMAT_ERROR));
            return;
        }
        TerminalState st = signedOn(tid);
        if (st == null) {
            out.set(39, codes.de39(Outcome.NOT_SIGNED_ON));
            return;
        }
        int batch = Integer.parseInt(in.getString(60).trim());
        long amount = num(in, 4);
        String rrn = in.getString(37);
        Upload u = judge(tid, stan, rrn, amount);
        synchronized (st) {
            st.uploads.computeIfAbsent(batch, b -> new LinkedHashMap<>()).put(stan, u);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("tid", tid);
        ev.put("batch", batch);
        ev.put("originalStan", stan);
        ev.put("amountMinor", amount);
        ev.put("rrn", String.valueOf(rrn));
        ev.put("verdict", u.verdict().name());
        ev.put("why", u.why());
        config.events().record("host", "batch-upload", ev);
        out.set(39, codes.de39(Outcome.APPROVED));
    }

    private Upload judge(String tid, String stan, String rrn, long amount) {
        Sale s = sales.get(key(tid, stan));
        if (s != null) {
            boolean ok = s.captured && s.outcome == Outcome.APPROVED && !s.reversed && s.amount == amount;
            String why = !s.captured ? "an authorization (0100) is not settled by itself"
                    : s.outcome != Outcome.APPROVED ? "the host answered it " + s.outcome.key()
                    : s.reversed ? "the host reversed it" : s.amount != amount ? "amount " + amount
                    + " differs from the approved " + s.amount : "in the host's open batch";
            return new Upload(stan, rrn, amount, ok ? UploadVerdict.KNOWN : UploadVerdict.UNCONFIRMED, why, s.rrn);
        }
        java.util.Optional<HostJournal.Entry> approved = journal.approvedCapture(tid, stan);
        String why;
        if (approved.isEmpty()) {
            why = "the host's journal has no approval for this TID and STAN";
        } else if (journal.reversed(tid, stan)) {
            why = "the host's journal shows it reversed";
        } else if (approved.get().amountMinor() == null || approved.get().amountMinor() != amount) {
            why = "amount " + amount + " differs from the approved " + approved.get().amountMinor();
        } else if (rrn != null && !rrn.equals(approved.get().rrn())) {
            why = "RRN " + rrn + " differs from the approved " + approved.get().rrn();
        } else {
            config.events().record("host", "upload-recovered", Map.of("tid", tid, "originalStan", stan,
                    "rrn", String.valueOf(approved.get().rrn()), "amountMinor", amount));
            return new Upload(stan, rrn, amount, UploadVerdict.RECOVERED,
                    "approved by the host (journal), missing from its open batch", approved.get().rrn());
        }
        return new Upload(stan, rrn, amount, UploadVerdict.UNCONFIRMED, why, null);
    }

    Map<String, TerminalState> terminals() {
        return terminals;
    }

    private static long num(ISOMsg m, int field) {
        String v = m.getString(field);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String key(String tid, String stan) {
        return tid + "|" + stan;
    }

    private String newRrn() {
        return RRN_DAY.format(config.clock().nowZoned()) + String.format("%06d", rrnSeq.incrementAndGet() % 1_000_000);
    }

    private static String pan(ISOMsg in) {
        if (in.hasField(2)) {
            return in.getString(2);
        }
        String t2 = in.getString(35);
        if (t2 == null) {
            return null;
        }
        int sep = t2.indexOf('D') >= 0 ? t2.indexOf('D') : t2.indexOf('=');
        return sep > 0 ? t2.substring(0, sep) : t2;
    }

    private static void copy(ISOMsg in, ISOMsg out, int... fields) throws ISOException {
        for (int f : fields) {
            if (in.hasField(f)) {
                Object v = in.getValue(f);
                if (v instanceof byte[] b) {
                    out.set(f, b.clone());
                } else {
                    out.set(f, String.valueOf(v));
                }
            }
        }
    }

    private void record(String direction, ISOMsg m, Map<String, String> extra) throws ISOException {
        Map<String, String> fields = new TreeMap<>((a, b) -> {
            boolean na = a.chars().allMatch(Character::isDigit);
            boolean nb = b.chars().allMatch(Character::isDigit);
            if (na && nb) {
                return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
            }
            return na ? -1 : nb ? 1 : a.compareTo(b);
        });
        for (int i = 2; i <= m.getMaxField(); i++) {
            if (!m.hasField(i)) {
                continue;
            }
            Object v = m.getValue(i);
            String s;
            if (i == 2) {
                s = CardData.mask(m.getString(2));
            } else if (i == 35) {
                s = CardData.mask(pan(m)) + "=****";
            } else if (i == 52 || i == 62 || i == 64 || i == 128) {
                s = "[" + (v instanceof byte[] b ? b.length : 0) + " bytes, not recorded]";
            } else if (v instanceof byte[] b) {
                s = ISOUtil.hexString(b);
            } else {
                s = CardData.maskText(String.valueOf(v));
            }
            fields.put(String.valueOf(i), s);
        }
        fields.putAll(extra);
        String pan = pan(m);
        Long amount = m.hasField(4) ? Long.valueOf(num(m, 4)) : null;
        HostJournal.Entry e = new HostJournal.Entry(config.clock().now(), direction, m.getMTI(), m.getString(41),
                m.getString(11), m.getString(37), amount, m.getString(39), pan == null ? null : CardData.mask(pan),
                fields);
        journal.append(e);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("mti", e.mti());
        ev.put("fields", e.fields());
        if (m.getHeader() != null) {
            ev.put("header", ISOUtil.hexString(m.getHeader()));
        }
        config.events().record("host", "in".equals(direction) ? "iso-in" : "iso-out", ev);
    }
}
