package io.firstsettle.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.firstsettle.host.AcquirerBook.Sale;
import io.firstsettle.host.AcquirerBook.TerminalState;
import io.firstsettle.host.AcquirerBook.Upload;
import io.firstsettle.host.AcquirerBook.UploadVerdict;

/**
 * The acquirer's batches, with no ISO 8583 in them: reconciliation (0500) against the open-batch table and the
 * batch's uploads, settlement at the bank, and batch upload (0320), where a transaction is settled only when the host
 * itself approved it (open-batch table or journal), never on the terminal's word.
 */
final class Settlement {
    private final HostConfig config;
    private final BankClient bank;
    private final HostJournal journal;
    private final AcquirerBook book;

    Settlement(HostConfig config, BankClient bank, HostJournal journal, AcquirerBook book) {
        this.config = config;
        this.bank = bank;
        this.journal = journal;
        this.book = book;
    }

    // ---- 0500 -------------------------------------------------------------------------------------------------

    HostAnswer reconcile(HostRequest.Reconcile r) {
        String tid = r.tid();
        TerminalState st = book.signedOn(tid);
        if (st == null) {
            return HostAnswer.of(Outcome.NOT_SIGNED_ON);
        }
        int batch = r.batch();
        List<Sale> mine = new ArrayList<>();
        for (Sale s : book.sales.values()) {
            if (s.tid.equals(tid) && s.batch == batch && s.captured && s.outcome == Outcome.APPROVED && !s.reversed) {
                mine.add(s);
            }
        }
        List<Upload> unconfirmed = new ArrayList<>();
        synchronized (st) {
            for (Upload u : st.uploads.getOrDefault(batch, Map.of()).values()) {
                if (u.verdict() == UploadVerdict.RECOVERED
                        && book.sales.get(AcquirerBook.key(tid, u.originalStan())) == null) {
                    Sale s = new Sale(tid, r.mid(), u.originalStan(), u.amountMinor(), "978", batch, true);
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
        boolean balanced = r.debitCount() == count && r.debitTotal() == total && r.creditCount() == 0
                && r.creditTotal() == 0;
        config.events().record("host", "reconcile", Map.of("tid", tid, "batch", batch, "hostCount", count,
                "hostTotalMinor", total, "terminalCount", r.debitCount(), "terminalTotalMinor", r.debitTotal(),
                "balanced", balanced));
        if (!balanced) {
            return HostAnswer.of(Outcome.RECONCILE_ERROR).withSettlementCode("2");
        }
        BankClient.Reply b = bank.settle(r.mid(), tid, String.format("%06d", batch),
                mine.stream().map(s -> new BankClient.SettledTxn(s.rrn, s.stan, s.amount)).toList());
        Outcome o = switch (b.kind()) {
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
        return HostAnswer.of(o).withSettlementCode("1");
    }

    // ---- 0320 -------------------------------------------------------------------------------------------------

    /** Batch upload: acknowledged "00" once recorded; whether it is settled is decided at the batch's next 0500. */
    HostAnswer upload(HostRequest.BatchUpload r) {
        String tid = r.tid();
        TerminalState st = book.signedOn(tid);
        if (st == null) {
            return HostAnswer.of(Outcome.NOT_SIGNED_ON);
        }
        int batch = r.batch();
        Upload u = judge(tid, r.originalStan(), r.rrn(), r.amountMinor());
        synchronized (st) {
            st.uploads.computeIfAbsent(batch, k -> new LinkedHashMap<>()).put(r.originalStan(), u);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("tid", tid);
        ev.put("batch", batch);
        ev.put("originalStan", r.originalStan());
        ev.put("amountMinor", r.amountMinor());
        ev.put("rrn", String.valueOf(r.rrn()));
        ev.put("verdict", u.verdict().name());
        ev.put("why", u.why());
        config.events().record("host", "batch-upload", ev);
        return HostAnswer.of(Outcome.APPROVED);
    }

    private Upload judge(String tid, String stan, String rrn, long amount) {
        Sale s = book.sales.get(AcquirerBook.key(tid, stan));
        if (s != null) {
            boolean ok = s.captured && s.outcome == Outcome.APPROVED && !s.reversed && s.amount == amount;
            String why = !s.captured ? "an authorization (0100) is not settled by itself"
                    : s.outcome != Outcome.APPROVED ? "the host answered it " + s.outcome.key()
                    : s.reversed ? "the host reversed it" : s.amount != amount ? "amount " + amount
                    + " differs from the approved " + s.amount : "in the host's open batch";
            return new Upload(stan, rrn, amount, ok ? UploadVerdict.KNOWN : UploadVerdict.UNCONFIRMED, why, s.rrn);
        }
        Optional<HostJournal.Entry> approved = journal.approvedCapture(tid, stan);
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
}
