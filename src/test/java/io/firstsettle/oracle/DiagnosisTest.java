package io.firstsettle.oracle;

import io.firstsettle.evidence.EventLog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Diagnosis from recorded event lines alone, one case per seed category, and the reader's cut-off tail. */
class DiagnosisTest {
    private static final String REG = "{\"seq\":1,\"labTime\":\"2026-01-01T00:00:00Z\",\"source\":\"ecr\",\"kind\":\"command\",\"command\":\"Registration\"}";
    private static final String SALE = "{\"seq\":2,\"labTime\":\"2026-01-01T00:00:01Z\",\"source\":\"ecr\",\"kind\":\"command\",\"command\":\"Authorization\"}";
    private static final String APPROVED = "{\"seq\":3,\"labTime\":\"2026-01-01T00:00:02Z\",\"source\":\"host\",\"kind\":\"iso-out\",\"mti\":\"0210\",\"fields\":{\"11\":\"000002\",\"39\":\"00\"}}";
    private static final String EOD = "{\"seq\":4,\"labTime\":\"2026-01-01T00:00:03Z\",\"source\":\"ecr\",\"kind\":\"command\",\"command\":\"End-of-Day\"}";

    private static Diagnosis diagnose(String... lines) {
        return Diagnosis.of(EventLog.parse(Path.of("events.jsonl"), List.of(lines)));
    }

    private static String verdict(int seq, String kind) {
        return "{\"seq\":" + seq + ",\"labTime\":\"2026-01-01T00:01:00Z\",\"source\":\"oracle\",\"kind\":\"verdict\",\"verdict\":\"" + kind + "\",\"summary\":\"s\"}";
    }

    @Test
    void settledIsNoFault() {
        Diagnosis d = diagnose(REG, SALE, APPROVED, EOD, verdict(5, "SETTLED"));
        assertEquals(Cause.NONE, d.cause());
        assertTrue(d.render().contains("商户"), d.render());
    }

    @Test
    void bankUnavailableIsTheBank() {
        Diagnosis d = diagnose(REG, SALE, "{\"seq\":3,\"labTime\":\"2026-01-01T00:00:02Z\",\"source\":\"host\",\"kind\":\"bank-response\",\"path\":\"/bank/v1/authorizations\",\"kindField\":\"UNAVAILABLE\",\"status\":503}",
                verdict(4, "DECLINED_REPORTED"));
        assertEquals(Cause.BANK, d.cause());
        assertTrue(d.evidence().get(0).startsWith("#3 "), d.evidence().toString());
        assertTrue(d.render().contains("银行或支付机构"), d.render());
    }

    @Test
    void hostSystemMalfunctionWithAHealthyBankIsTheProvider() {
        Diagnosis d = diagnose(REG, SALE, "{\"seq\":3,\"labTime\":\"2026-01-01T00:00:02Z\",\"source\":\"host\",\"kind\":\"iso-out\",\"mti\":\"0210\",\"fields\":{\"39\":\"96\"}}");
        assertEquals(Cause.PROVIDER_SYSTEM, d.cause());
    }

    @Test
    void terminalTimeoutIsTheNetwork() {
        Diagnosis d = diagnose(REG, SALE, "{\"seq\":3,\"labTime\":\"2026-01-01T00:00:32Z\",\"source\":\"terminal\",\"kind\":\"iso-timeout\",\"waitedLabMs\":30000}",
                verdict(4, "REVERSED"));
        assertEquals(Cause.NETWORK, d.cause());
        assertEquals("REVERSED", d.verdict());
    }

    @Test
    void approvedButDayNeverClosedIsTheOperator() {
        Diagnosis d = diagnose(REG, SALE, APPROVED, verdict(4, "LOST"));
        assertEquals(Cause.OPERATOR_ERROR, d.cause());
        assertTrue(d.finding().contains("never closed"), d.finding());
        Diagnosis unregistered = diagnose(SALE, APPROVED, EOD);
        assertEquals(Cause.OPERATOR_ERROR, unregistered.cause());
    }

    @Test
    void aDefectVerdictWithAHealthyChainIsTheTerminal() {
        Diagnosis d = diagnose(REG, SALE, APPROVED, EOD, verdict(5, "MISREPORTED"));
        assertEquals(Cause.TERMINAL_DEFECT, d.cause());
    }

    @Test
    void aCutOffLastLineIsToleratedAndReportedButABrokenMiddleLineIsNot() {
        List<String> lines = new ArrayList<>(List.of(REG, SALE, APPROVED));
        lines.add("{\"seq\":4,\"labTime\":\"2026-01-01T00:00:03Z\",\"sou");
        EventLog log = EventLog.parse(Path.of("events.jsonl"), lines);
        assertEquals(3, log.events().size());
        assertTrue(log.truncated());
        assertTrue(Diagnosis.of(log).render().contains("cut-off"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EventLog.parse(Path.of("events.jsonl"), List.of(REG, "{broken", SALE)));
        assertTrue(e.getMessage().contains("events.jsonl:2"), e.getMessage());
    }

    @Test
    void aCreditTheBankHeldIsABankCauseWithItsReason() {
        String held = "{\"seq\":5,\"labTime\":\"2026-01-01T00:00:04Z\",\"source\":\"fault\",\"kind\":\"credit-held\","
                + "\"rrn\":\"B00000000001\",\"fault\":\"bank-upgrade\",\"reason\":\"bank system upgrade in progress\"}";
        Diagnosis d = diagnose(REG, SALE, APPROVED, EOD, held, verdict(6, "SETTLED_LATE"));
        assertEquals(Cause.BANK, d.cause());
        assertTrue(d.finding().contains("bank system upgrade in progress"), d.finding());
    }

    @Test
    void aHostRefusingRequestsIsTheProvidersSystem() {
        String refused = "{\"seq\":3,\"labTime\":\"2026-01-01T00:00:02Z\",\"source\":\"fault\",\"kind\":"
                + "\"host-request-refused\",\"fault\":\"host-maintenance\",\"mti\":\"0800\",\"responseCode\":\"91\"}";
        assertEquals(Cause.PROVIDER_SYSTEM, diagnose(REG, SALE, refused, verdict(4, "DECLINED_REPORTED")).cause());
    }
}
