package io.firstsettle.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.LabClock;

/**
 * A fleet's terminal retired once judged: the host forgets it (book and journal) and the bank forgets it (ledger,
 * record), while a terminal still running keeps every message and credit the oracle reads. Through the real host, a
 * jPOS client and the real bank fake.
 */
class HostRetireTest {
    private static final int SETTLED_TERMINALS = 6;

    private static ISOMsg as(ISOMsg m, String tid, String mid) throws Exception {
        m.set(41, tid);
        m.set(42, mid);
        return m;
    }

    /** Sign-on, one sale and an 0500 for one terminal; returns the sale's response code. */
    private static String day(IsoTestClient c, String tid, String mid, long amount) throws Exception {
        assertEquals("00", c.exchange(as(IsoTestClient.signOn("000001"), tid, mid)).getString(39));
        String sale = c.exchange(as(IsoTestClient.sale("000002", amount), tid, mid)).getString(39);
        assertEquals("00", c.exchange(as(IsoTestClient.reconcile("000003", "000001", 1, amount), tid, mid))
                .getString(39), tid + " settles");
        return sale;
    }

    @Test
    void retiredTerminalsLeaveNothingBehindAndARunningOneKeepsItsViews() throws Exception {
        LabClock clock = LabClock.scaled(0.01);
        try (BankFake bank = BankFake.start(Path.of("fixtures", "bank"), clock)) {
            // the session's idle timeout long enough for a loaded machine (120 s lab is 1.2 s real at this scale)
            AcquirerHost host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, (s, k, f) -> { })
                    .withBankBudget(Duration.ofSeconds(500)),
                    new SessionLimits(SessionLimits.DEFAULT_MAX_SESSIONS, Duration.ofHours(100)), 10_000);
            try (IsoTestClient c = new IsoTestClient(host.port(), host.packager())) {
                // the running terminal: settled, not yet judged
                assertEquals("00", day(c, "70000000", "RUN000000000000", 1501));
                int runningJournal = host.journal().size();
                int runningBank = bank.journalSize();
                for (int i = 1; i <= SETTLED_TERMINALS; i++) {
                    String tid = String.format("7%07d", i);
                    String mid = String.format("RET%012d", i);
                    assertEquals("00", day(c, tid, mid, 1000 + i));
                    assertEquals(1, bank.statement(mid).credits().size(), "credited before it is retired");
                    host.retire(tid);
                    bank.retire(tid, mid);
                    assertEquals(0, bank.statement(mid).credits().size(), "the bank forgot " + mid);
                    bank.retire(tid, mid); // the statement read just made is the merchant's too
                }
                assertEquals(runningJournal, host.journal().size(), "only the running terminal's messages remain");
                assertTrue(host.journal().entries().stream().allMatch(e -> "70000000".equals(e.tid())),
                        host.journal().entries().toString());
                assertEquals(6 * SETTLED_TERMINALS, host.journal().retired(), "0800/0810, 0200/0210, 0500/0510 each");
                assertEquals(0, host.journal().dropped());
                assertEquals(runningBank, bank.journalSize(), "the bank record holds the running terminal's only");
                assertTrue(bank.journal().stream().allMatch(e -> e.requestBody().contains("\"70000000\"")),
                        bank.journal().toString());
                // what the oracle reads of the running terminal is all still there
                assertTrue(host.journal().approvedSale("70000000", "000002").isPresent());
                assertTrue(host.journal().settlement("70000000").isPresent());
                assertEquals(1, bank.statement("RUN000000000000").credits().size());
                assertEquals("CREDITED", bank.statement("RUN000000000000").credits().get(0).status());

                // a retired terminal is a stranger: not signed on, and its STANs start afresh after a new sign-on
                assertEquals("A8", c.exchange(as(IsoTestClient.sale("000004", 1001), "70000001",
                        "RET000000000001")).getString(39));
                assertEquals("00", day(c, "70000001", "RET000000000001", 1001), "STAN 000002 again is not a duplicate");
            } finally {
                host.close();
            }
        }
    }

    @Test
    void theBookAfterManySettledTerminalsHoldsOnlyTheRunningOnes() {
        AcquirerBook book = new AcquirerBook(new ConcurrentHashMap<>(), LabClock.real());
        int n = 500;
        for (int i = 0; i < n; i++) {
            String tid = String.format("T%07d", i);
            AcquirerBook.TerminalState st = book.terminals.computeIfAbsent(tid, k -> new AcquirerBook.TerminalState());
            st.stans.add("000001");
            st.stans.add("000002");
            book.sales.put(AcquirerBook.key(tid, "000001"), new AcquirerBook.Sale(tid, "M", "000001", 100, "978", 1,
                    true));
            book.sales.put(AcquirerBook.key(tid, "000002"), new AcquirerBook.Sale(tid, "M", "000002", 100, "978", 1,
                    true));
            book.reversals.add(AcquirerBook.key(tid, "000001"));
            if (i >= 16) { // 16 terminals still running, the rest retired once judged
                assertEquals(3, book.retire(String.format("T%07d", i - 16)));
            }
        }
        assertEquals(16, book.terminals.size());
        assertEquals(32, book.sales.size());
        assertEquals(16, book.reversals.size());
        assertTrue(book.terminals.containsKey(String.format("T%07d", n - 1)));
        // a TID that is a prefix of another is not the other: T0000049 retired leaves T00000490.. alone
        book.terminals.put("T00004990", new AcquirerBook.TerminalState());
        book.retire("T0000499");
        assertTrue(book.terminals.containsKey("T00004990"));
    }
}
