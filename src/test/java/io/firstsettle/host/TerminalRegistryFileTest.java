package io.firstsettle.host;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.LabClock;
import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acquirer remembers a physical terminal across host lifetimes (scenarios, runs) as a real acquirer does: a terminal
 * that signed on yesterday is not "not signed on" today, its batch number goes on, and a STAN it already used is still
 * a duplicate. A host without the record (the emulated rig's) starts from nothing.
 */
class TerminalRegistryFileTest {
    private static final String TID = AcquirerHostTest.TID;

    @TempDir
    Path dir;

    @Test
    void aSecondHostKnowsTheTerminalsSignOnBatchAndStans() throws Exception {
        LabClock clock = LabClock.scaled(0.01);
        TerminalRegistryFile registry = new TerminalRegistryFile(dir.resolve("acquirer"));
        try (BankFake bank = BankFake.start(Path.of("fixtures", "bank"), clock)) {
            HostConfig hc = HostConfig.defaults(bank.baseUrl(), clock, null).withBankBudget(Duration.ofSeconds(500));
            AcquirerHost first = AcquirerHost.startPersistent(hc, registry, TID);
            try (IsoTestClient t = new IsoTestClient(first.port(), first.packager())) {
                assertEquals("00", t.exchange(IsoTestClient.signOn("000001")).getString(39));
                assertEquals("00", t.exchange(IsoTestClient.sale("000002", 1234)).getString(39));
                assertEquals("00", t.exchange(IsoTestClient.reconcile("000003", "000001", 1, 1234)).getString(39));
            } finally {
                first.close();
            }
            String saved = Files.readString(registry.file(TID));
            assertTrue(saved.contains("\"signedOn\" : true") && saved.contains("\"batch\" : 2")
                    && saved.contains("000002"), saved);

            AcquirerHost fresh = AcquirerHost.start(hc);
            try (IsoTestClient t = new IsoTestClient(fresh.port(), fresh.packager())) {
                assertNotEquals("00", t.exchange(IsoTestClient.sale("000004", 500)).getString(39),
                        "a host without the record does not know the terminal signed on");
            } finally {
                fresh.close();
            }

            AcquirerHost second = AcquirerHost.startPersistent(hc, registry, TID);
            try (IsoTestClient t = new IsoTestClient(second.port(), second.packager())) {
                ISOMsg sale = t.exchange(IsoTestClient.sale("000005", 700));
                assertEquals("00", sale.getString(39), "signed on in an earlier host life: no sign-on needed");
                assertNotEquals("00", t.exchange(IsoTestClient.sale("000002", 700)).getString(39),
                        "a STAN seen in an earlier host life is still a duplicate");
                ISOMsg rec = t.exchange(IsoTestClient.reconcile("000006", "000002", 1, 700));
                assertEquals("00", rec.getString(39), "the batch number went on from the earlier life");
            } finally {
                second.close();
            }
            assertTrue(Files.readString(registry.file(TID)).contains("\"batch\" : 3"));
        }
    }

    /**
     * A scenario ended with an approved sale still in the terminal's open batch (its End-of-Day never came). The next
     * scenario's housekeeping host cannot know the sale from its own open-batch table, but the acquirer record holds
     * the approval: the terminal's 0500 disagrees (95), its upload (0320) is recognised, and the batch closes.
     */
    @Test
    void aHousekeepingHostClosesABatchAnEarlierHostLeftOpen() throws Exception {
        LabClock clock = LabClock.scaled(0.01);
        TerminalRegistryFile registry = new TerminalRegistryFile(dir.resolve("acquirer"));
        try (BankFake bank = BankFake.start(Path.of("fixtures", "bank"), clock)) {
            HostConfig hc = HostConfig.defaults(bank.baseUrl(), clock, null).withBankBudget(Duration.ofSeconds(500));
            String rrn;
            AcquirerHost scenario = AcquirerHost.startPersistent(hc, registry, TID);
            try (IsoTestClient t = new IsoTestClient(scenario.port(), scenario.packager())) {
                assertEquals("00", t.exchange(IsoTestClient.signOn("000001")).getString(39));
                ISOMsg sale = t.exchange(IsoTestClient.sale("000002", 1234));
                assertEquals("00", sale.getString(39));
                rrn = sale.getString(37);
            } finally {
                scenario.close();
            }
            AcquirerHost plain = AcquirerHost.startPersistent(hc, registry, TID);
            try (IsoTestClient t = new IsoTestClient(plain.port(), plain.packager())) {
                assertEquals("95", t.exchange(IsoTestClient.reconcile("000003", "000001", 1, 1234)).getString(39));
                assertEquals("00", t.exchange(BatchUploadTest.upload("000004", "000002", rrn, 1234)).getString(39));
                assertNotEquals("00", t.exchange(IsoTestClient.reconcile("000005", "000001", 1, 1234)).getString(39),
                        "a scenario's host never settles on the terminal's word: its journal has no approval");
            } finally {
                plain.close();
            }
            AcquirerHost housekeeping = AcquirerHost.startHousekeeping(hc, registry, TID);
            try (IsoTestClient t = new IsoTestClient(housekeeping.port(), housekeeping.packager())) {
                assertEquals("95", t.exchange(IsoTestClient.reconcile("000006", "000001", 1, 1234)).getString(39));
                assertEquals("00", t.exchange(BatchUploadTest.upload("000007", "000002", rrn, 1234)).getString(39));
                assertEquals("00", t.exchange(IsoTestClient.reconcile("000008", "000001", 1, 1234)).getString(39),
                        "the approval on record lets the leftover batch close");
            } finally {
                housekeeping.close();
            }
            assertTrue(Files.readString(registry.file(TID)).contains("\"batch\" : 2"));
        }
    }
}
