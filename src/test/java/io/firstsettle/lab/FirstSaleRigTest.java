package io.firstsettle.lab;

import io.firstsettle.terminal.Outcome;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.oracle.Verdict;
import io.firstsettle.oracle.VerdictKind;
import io.firstsettle.oracle.ViewCollector;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole rig (WireMock bank, jPOS host, kernel pty, emulated terminal, ECR over jssc) with the bank broken in two
 * ways the seed names: the oracle must fail the first transaction and say which view broke.
 */
class FirstSaleRigTest {
    private Rig rig;

    @BeforeEach
    void start(TestInfo info) {
        TerminalProfile p = TerminalProfile.load(Path.of("fixtures/terminals/emulated-zvt.yaml"));
        Path ev = Path.of("target/test-evidence", info.getTestMethod().orElseThrow().getName());
        rig = Rig.start(new Rig.Spec(p, Path.of("fixtures").toAbsolutePath(), ev, ev.resolve("state-" + System.nanoTime()),
                LabClock.scaled(0.05)));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private Verdict firstSaleThenCloseDay() {
        Outcome reg = rig.register().logOn();
        assertTrue(reg.approved(), "registration: " + reg);
        rig.presentCard(CardProfile.load(Path.of("fixtures/cards/visa-test.yaml")));
        Outcome sale = rig.register().sale(1234);
        assertTrue(sale.approved(), "sale: " + sale);
        assertTrue(rig.line().startsWith("/dev/pts/"), "the register must talk over a kernel pty, not " + rig.line());
        rig.register().endOfDay();
        return ViewCollector.judge(rig, sale, 1234);
    }

    @Test
    void healthyBankSettles() {
        Verdict v = firstSaleThenCloseDay();
        assertEquals(VerdictKind.SETTLED, v.kind(), v.explain());
    }

    @Test
    void settlementAnswering500IsLostAndNamesTheBrokenView() {
        rig.bank().wireMock().stubFor(post(urlPathEqualTo("/bank/v1/settlements")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"internal\"}"))
                .withMetadata(Map.of("fault", "test-settlement-500")));
        Verdict v = firstSaleThenCloseDay();
        assertEquals(VerdictKind.LOST, v.kind(), v.explain());
        assertTrue(v.summary().contains("host refused the settlement (0510 DE39 96)"), v.explain());
        assertTrue(v.because().stream().anyMatch(b -> b.startsWith("bank:") && b.contains("settlement HTTP 500")),
                v.explain());
    }

    @Test
    void statementWithoutTheCreditIsLostAndSaysSo() {
        rig.bank().wireMock().stubFor(WireMock.get(urlPathMatching("/bank/v1/merchants/[^/]+/statement")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"merchantId\":\"FS0000000000001\",\"credits\":[]}"))
                .withMetadata(Map.of("fault", "test-statement-without-credit")));
        Verdict v = firstSaleThenCloseDay();
        assertEquals(VerdictKind.LOST, v.kind(), v.explain());
        assertTrue(v.summary().contains("the merchant statement has no credit for RRN B"), v.explain());
        assertTrue(v.because().stream().anyMatch(b -> b.startsWith("bank:") && b.contains("settlement HTTP 200")),
                "the bank accepted the settlement; only the statement is wrong: " + v.explain());
    }
}
