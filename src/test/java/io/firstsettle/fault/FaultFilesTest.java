package io.firstsettle.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultFilesTest {
    @Test
    void everyShippedProfileLoadsAndTheIssueListIsCovered() {
        Map<String, FaultProfile> all = FaultFiles.loadAll(BankFaultProfilesTest.FAULTS);
        for (String required : new String[] {"bank-maintenance", "bank-upgrade", "bank-outage-reset", "bank-outage-empty",
                "bank-outage-garbage", "bank-outage-malformed-chunk", "bank-delay-fixed", "bank-delay-uniform",
                "bank-delay-lognormal", "risk-hold-first-transaction", "insufficient-funds", "invalid-merchant",
                "terminal-not-registered", "settlement-calendar-T1", "settlement-calendar-D1", "host-maintenance",
                "link-refuse", "link-drop-after-request", "link-drop-after-response", "link-delay-fixed",
                "link-delay-jitter", "link-half-open", "link-reset-mid-message", "link-bandwidth"}) {
            assertTrue(all.containsKey(required), required + " is missing from fixtures/faults");
        }
        assertEquals(Duration.ofMinutes(30), all.get("bank-maintenance").window());
        assertEquals(Stage.AUTHORIZATION, all.get("bank-maintenance").stage());
        assertEquals(1.5, all.get("bank-delay-fixed").delay().relativeToTerminalTimeout());
    }

    private static String error(Path dir, String name, String yaml) throws Exception {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, yaml);
        return assertThrows(FaultFileException.class, () -> FaultFiles.load(f)).getMessage();
    }

    @Test
    void aBrokenFileNamesTheFileTheLineAndTheField(@TempDir Path dir) throws Exception {
        String m = error(dir, "x", "name: x\nkind: bank-maintenance\nstage: authorisation\nwindow: 30m\n");
        assertTrue(m.startsWith(dir.resolve("x.yaml") + ":3: field 'stage'"), m);

        m = error(dir, "x", "name: x\nkind: bank-maintenance\nstage: settlement\n# no window\n");
        assertTrue(m.contains("x.yaml:") && m.contains("field 'window'") && m.contains("is required"), m);

        m = error(dir, "x", "name: x\nkind: bank-delay\nstage: authorization\n"
                + "delay:\n  distribution: uniform\n  min: 0.8\n  max: 0.2\n");
        assertTrue(m.contains("x.yaml:7: field 'delay.max'"), m);

        m = error(dir, "x", "name: x\nkind: link\nlink:\n  action: refuse\n  point: response-received\n");
        assertTrue(m.contains("x.yaml:5: field 'link.point'"), m);

        m = error(dir, "x", "name: x\nkind: bank-maintenance\nstage: credit\nwindow: half an hour\n");
        assertTrue(m.contains("x.yaml:4: field 'window'") && m.contains("500ms, 90s, 30m"), m);

        m = error(dir, "x", "name: x\nkind: bank-decline\nresponsecode: \"51\"\n");
        assertTrue(m.contains("x.yaml:3: field 'responsecode'"), m);

        m = error(dir, "x", "name: y\nkind: bank-decline\nresponseCode: \"51\"\n");
        assertTrue(m.contains("x.yaml:1: field 'name'") && m.contains("differs from the file name"), m);

        m = error(dir, "x", "name: x\nkind: [oops\n");
        assertTrue(m.contains("x.yaml:") && m.contains("not valid YAML"), m);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        FaultFileException e = assertThrows(FaultFileException.class,
                () -> FaultFiles.load(BankFaultProfilesTest.FAULTS, "bank-maintenence"));
        assertTrue(e.getMessage().contains("bank-maintenance"), e.getMessage());
    }

    @Test
    void calendarsByProperty() {
        java.util.Random r = new java.util.Random(4711);
        for (int i = 0; i < 500; i++) {
            java.time.LocalDate sale = java.time.LocalDate.of(2024, 1, 1).plusDays(r.nextInt(3000));
            java.time.LocalDate t1 = SettlementCalendar.T1.valueDate(sale);
            java.time.LocalDate d1 = SettlementCalendar.D1.valueDate(sale);
            assertEquals(sale.plusDays(1), d1);
            assertTrue(t1.isAfter(sale) && !t1.isAfter(sale.plusDays(3)), sale + " -> " + t1);
            assertTrue(t1.getDayOfWeek().getValue() <= 5, sale + " -> " + t1 + " is a weekend");
        }
    }
}
