package io.firstsettle.host;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.firstsettle.host.AcquirerBook.Sale;
import io.firstsettle.host.AcquirerBook.TerminalState;

/**
 * The acquirer's rules, with no ISO 8583 in them: sign-on, sales (authorization, sale, advice) at the bank, reversals
 * (store and forward when the bank has not answered yet); batches and settlement are {@link Settlement}'s. One call
 * per {@link HostRequest}, answered with a {@link HostAnswer}; requests run on several workers at once, so that a
 * reversal can arrive while the sale it reverses still waits for the bank.
 */
final class Acquirer {
    private final HostConfig config;
    private final BankClient bank;
    private final AcquirerBook book;
    private final Settlement settlement;

    Acquirer(HostConfig config, BankClient bank, HostJournal journal, AcquirerBook book) {
        this.config = config;
        this.bank = bank;
        this.book = book;
        this.settlement = new Settlement(config, bank, journal, book);
    }

    HostAnswer answer(HostRequest r) {
        if (r instanceof HostRequest.SignOn s) {
            return signOn(s);
        } else if (r instanceof HostRequest.Financial f) {
            return financial(f);
        } else if (r instanceof HostRequest.Reversal v) {
            return reversal(v);
        } else if (r instanceof HostRequest.Reconcile c) {
            return settlement.reconcile(c);
        } else if (r instanceof HostRequest.BatchUpload u) {
            return settlement.upload(u);
        } else if (r instanceof HostRequest.Unsupported) {
            return HostAnswer.of(Outcome.INVALID_TRANSACTION);
        }
        return HostAnswer.of(Outcome.FORMAT_ERROR); // Incomplete
    }

    // ---- 0800 -------------------------------------------------------------------------------------------------

    private HostAnswer signOn(HostRequest.SignOn r) {
        TerminalState st = book.terminals.computeIfAbsent(r.tid(), k -> new TerminalState());
        int batch;
        synchronized (st) {
            if ("002".equals(r.code())) {
                st.signedOn = false;
            } else if ("001".equals(r.code())) {
                st.signedOn = true;
                st.mid = r.mid();
            }
            batch = st.batch;
        }
        return HostAnswer.of(Outcome.APPROVED).withBatch(batch, "001".equals(r.code()));
    }

    // ---- 0100 / 0200 / 0220 -----------------------------------------------------------------------------------

    private HostAnswer financial(HostRequest.Financial r) {
        String tid = r.tid();
        String stan = r.stan();
        String key = AcquirerBook.key(tid, stan);
        TerminalState st = book.signedOn(tid);
        if (st == null) {
            return HostAnswer.of(Outcome.NOT_SIGNED_ON).withRrn(book.newRrn());
        }
        boolean advice = r.kind() == HostRequest.Kind.ADVICE;
        Sale sale;
        synchronized (st) {
            Sale earlier = book.sales.get(key);
            if (advice && earlier != null && earlier.captured && earlier.outcome == Outcome.APPROVED
                    && earlier.amount == r.amountMinor()) {
                // a repeated advice (the terminal did not see the 0230): acknowledged again, no second effect
                config.events().record("host", "advice-repeat", Map.of("tid", tid, "stan", stan));
                return HostAnswer.of(Outcome.APPROVED).withRrn(earlier.rrn);
            }
            if (!st.stans.add(stan)) {
                return HostAnswer.of(Outcome.DUPLICATE).withRrn(book.newRrn());
            }
            if (book.reversals.contains(key)) {
                // the terminal's reversal overtook this original on another connection: the terminal has already
                // given the sale up, so it must not be authorized now
                config.events().record("host", "original-after-reversal", Map.of("tid", tid, "stan", stan));
                return HostAnswer.of(Outcome.INVALID_TRANSACTION).withRrn(book.newRrn());
            }
            sale = new Sale(tid, r.mid(), stan, r.amountMinor(), r.currency(), st.batch,
                    r.kind() != HostRequest.Kind.AUTHORIZATION);
            book.sales.put(key, sale);
        }
        try {
            BankClient.Reply b = advice
                    ? bank.advise(r.mid(), tid, stan, r.amountMinor(), r.currency(), r.maskedPan(), r.approvalCode())
                    : bank.authorize(r.mid(), tid, stan, r.amountMinor(), r.currency(), r.maskedPan());
            Outcome outcome = outcome(b.kind());
            String rrn = b.rrn() != null && b.rrn().length() == 12 ? b.rrn() : book.newRrn();
            boolean reverseNow;
            synchronized (sale) {
                sale.rrn = rrn;
                sale.outcome = outcome;
                reverseNow = sale.reversalRequested && outcome == Outcome.APPROVED;
            }
            if (reverseNow) {
                // the terminal's reversal overtook the bank's approval: pass it on now (store and forward)
                BankClient.Reply rev = bank.reverse(r.mid(), tid, rrn, stan, r.amountMinor());
                config.events().record("host", "late-approval-reversed", Map.of("tid", tid, "stan", stan,
                        "kind", rev.kind().name()));
            }
            if (advice && outcome != Outcome.APPROVED) {
                // not acknowledged: the terminal keeps the advice and sends it again; the next one is processed afresh
                synchronized (st) {
                    st.stans.remove(stan);
                    book.sales.remove(key, sale);
                }
                config.events().record("host", "advice-not-acknowledged", Map.of("tid", tid, "stan", stan,
                        "why", "bank " + b.kind() + ": " + b.detail()));
            }
            HostAnswer a = HostAnswer.of(outcome).withRrn(rrn);
            if (advice) {
                return a;
            }
            if (outcome == Outcome.APPROVED) {
                return a.withAuthCode(b.authCode() != null && b.authCode().length() == 6 ? b.authCode()
                        : book.newAuthCode());
            }
            if (outcome == Outcome.BANK_DECLINED && b.bankCode() != null && b.bankCode().matches("[0-9A-Z]{2}")
                    && !"00".equals(b.bankCode())) {
                return a.withCode(b.bankCode());
            }
            return a;
        } finally {
            sale.done.complete(null);
        }
    }

    static Outcome outcome(BankClient.Kind kind) {
        return switch (kind) {
            case ACCEPTED -> Outcome.APPROVED;
            case DECLINED -> Outcome.BANK_DECLINED;
            case UNAVAILABLE -> Outcome.BANK_UNAVAILABLE;
            case ERROR -> Outcome.BANK_ERROR;
            case LATE -> Outcome.LATE;
        };
    }

    // ---- 0400 -------------------------------------------------------------------------------------------------

    private HostAnswer reversal(HostRequest.Reversal r) {
        String tid = r.tid();
        String stan = r.originalStan();
        if (book.signedOn(tid) == null) {
            return HostAnswer.of(Outcome.NOT_SIGNED_ON);
        }
        String key = AcquirerBook.key(tid, stan);
        if (!book.reversals.add(key)) {
            config.events().record("host", "reversal-repeat", Map.of("tid", tid, "originalStan", stan));
            return HostAnswer.of(Outcome.APPROVED);
        }
        Sale sale = book.sales.get(key);
        if (sale == null) {
            return HostAnswer.of(Outcome.APPROVED);
        }
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
                // still at the bank: acknowledge and reverse at the bank when its answer comes (see financial())
                sale.reversalRequested = true;
                sale.reversed = true;
                config.events().record("host", "reversal-while-pending", Map.of("tid", tid,
                        "originalStan", stan, "action", "reverse at the bank when it answers"));
                return HostAnswer.of(Outcome.APPROVED);
            }
        }
        Outcome o = sale.outcome;
        if (o == Outcome.APPROVED || o == Outcome.LATE || o == Outcome.BANK_ERROR) {
            BankClient.Reply b = bank.reverse(sale.mid, tid, o == Outcome.APPROVED ? sale.rrn : null, stan, sale.amount);
            config.events().record("host", "bank-reversal", Map.of("tid", tid, "originalStan", stan,
                    "kind", b.kind().name(), "detail", String.valueOf(b.detail())));
            Outcome failed = switch (b.kind()) {
                case UNAVAILABLE -> Outcome.BANK_UNAVAILABLE;
                case ERROR -> Outcome.BANK_ERROR;
                case LATE -> Outcome.LATE;
                default -> null;
            };
            if (failed != null && o == Outcome.APPROVED) {
                // the issuer still holds the money: do not acknowledge, so the terminal keeps its reversal and
                // sends it again; the next one is processed afresh
                book.reversals.remove(key);
                config.events().record("host", "reversal-not-acknowledged", Map.of("tid", tid,
                        "originalStan", stan, "why", "bank reversal " + b.kind()));
                return HostAnswer.of(failed).withRrn(sale.rrn);
            }
        }
        sale.reversed = true;
        return HostAnswer.of(Outcome.APPROVED).withRrn(sale.rrn);
    }
}
