package io.firstsettle.host;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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

    private final Map<String, TerminalState> terminals = new ConcurrentHashMap<>();
    private final Map<String, Sale> sales = new ConcurrentHashMap<>();
    private final Set<String> reversals = ConcurrentHashMap.newKeySet();
    private final AtomicLong rrnSeq = new AtomicLong();
    private final AtomicLong authSeq = new AtomicLong();

    private static final class TerminalState {
        String mid;
        boolean signedOn;
        int batch = 1;
        final Set<String> stans = new HashSet<>();
    }

    private static final class Sale {
        final String tid;
        final String mid;
        final String stan;
        final long amount;
        final String currency;
        final int batch;
        volatile String rrn;
        volatile Outcome outcome;
        volatile boolean reversed;
        /** A 0400 came while the bank still had the authorization: reverse at the bank once it answers. */
        boolean reversalRequested;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Sale(String tid, String mid, String stan, long amount, String currency, int batch) {
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
            if (refused.isPresent()) {
                copy(in, out, 11, 41, 42, 70);
                out.set(39, refused.get().profile().responseCode());
                config.events().record("fault", "host-request-refused", Map.of("fault",
                        refused.get().profile().name(), "mti", mti, "tid", String.valueOf(in.getString(41)),
                        "responseCode", refused.get().profile().responseCode()));
            } else switch (mti) {
                case "0800" -> signOn(in, out);
                case "0200" -> sale(in, out);
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
            if (out.getMTI().startsWith("041")) {
                extra.put("originalStan", originalStan(in));
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
        out.setMTI(mti.substring(0, 2) + (char) (mti.charAt(2) + 1) + "0");
        byte[] header = in.getHeader();
        if (header != null) {
            out.setHeader(header.clone());
        }
        ZonedDateTime now = config.clock().nowZoned();
        out.set(12, DE12.format(now));
        out.set(13, DE13.format(now));
        return out;
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

    private void sale(ISOMsg in, ISOMsg out) throws ISOException {
        copy(in, out, 3, 4, 11, 41, 42, 49);
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
            sale = new Sale(tid, mid, stan, amount, currency, st.batch);
            sales.put(key(tid, stan), sale);
        }
        try {
            BankClient.Reply r = bank.authorize(mid, tid, stan, amount, currency, CardData.mask(pan(in)));
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
            if (outcome == Outcome.APPROVED) {
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
            if (s.tid.equals(tid) && s.batch == batch && s.outcome == Outcome.APPROVED && !s.reversed) {
                mine.add(s);
            }
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
            }
        }
        out.set(39, codes.de39(o));
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
