package io.firstsettle.lab;

import io.firstsettle.terminal.zvt.ZvtOutcomes;

import io.firstsettle.terminal.Operation;

import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.core.Hex;
import io.firstsettle.oracle.Verdict;
import io.firstsettle.oracle.VerdictKind;
import io.firstsettle.oracle.ViewCollector;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 point 1, terminal side: the emulated terminal behind a real pty and jssc accepts BMP 06 wherever A.6
 * allows it, in commands written by hand as a register library sends them (an empty {@code 06 00} with every
 * command), acts on tag 26 (list of permitted ZVT commands) and keeps unknown tags as tag + hex.
 */
class RegisterTlvRigTest {
    @TempDir
    Path dir;

    private static EcrTranscript run(Rig rig, String name, String hex) {
        return rig.ecr().run(name, Apdu.decode(Hex.parse(hex)));
    }

    @Test
    void commandsWithTlvContainersAreServedAndTheRegistersCommandListIsObeyed() {
        TerminalProfile p = TerminalProfile.load(Path.of("fixtures/terminals/emulated-zvt.yaml"));
        // scale 0.5: a 30 s host timeout is 15 s real, so a loaded build machine cannot turn the sale into a late answer
        try (Rig rig = Rig.start(new Rig.Spec(p, Path.of("fixtures").toAbsolutePath(), dir.resolve("ev"),
                dir.resolve("state"), LabClock.scaled(0.5)))) {
            // Registration, password 000000, config BA, EUR, TLV: 26 { 0A 06D3, 0A 040F, 0A 060F, 0A 061E, 0A 04FF },
            // and an unknown tag DF01 -- the register permits text blocks, not print lines
            EcrTranscript reg = run(rig, "Registration", "06 00 22 00 00 00 BA 09 78 06 1A 26 14 0A 02 06 D3 0A 02 04"
                    + " 0F 0A 02 06 0F 0A 02 06 1E 0A 02 04 FF DF 01 01 AA");
            assertTrue(reg.success(), reg.toString());
            List<Map<String, Object>> tlv = events(rig, "tlv-received");
            assertEquals(1, tlv.size());
            assertTrue(String.valueOf(tlv.get(0).get("objects")).contains("DF01 (unknown tag, kept) 1 bytes"),
                    tlv.toString());
            assertEquals(1, events(rig, "tlv-permitted-commands").size());

            EcrTranscript enquiry = run(rig, "Status Enquiry", "05 01 05 00 00 00 06 00");
            assertTrue(enquiry.finished(), enquiry.toString());
            assertTrue(enquiry.completion().terminalStatusCode().isPresent(), enquiry.toString());

            rig.presentCard(CardProfile.load(Path.of("fixtures/cards/visa-test.yaml")));
            // Authorization 12.34 EUR with an empty TLV container
            EcrTranscript sale = run(rig, "Authorization", "06 01 0C 04 00 00 00 00 12 34 49 09 78 06 00");
            assertTrue(sale.success(), sale.toString());
            assertEquals(12, sale.printLines().size(), "two six-line receipt copies: " + sale.printLines());
            assertTrue(sale.printLines().get(0).startsWith("FIRSTSETTLE EMULATED PT"), sale.printLines().toString());
            assertFalse(rig.evidence().events().stream().anyMatch(e -> String.valueOf(e.get("apdu"))
                    .startsWith("Apdu[Print Line")), "the register did not permit 06 D1");
            assertTrue(rig.evidence().events().stream().anyMatch(e -> String.valueOf(e.get("apdu"))
                    .startsWith("Apdu[Print Text Block")), "receipts came as 06 D3");

            EcrTranscript eod = run(rig, "End-of-Day", "06 50 05 00 00 00 06 00");
            assertTrue(eod.success(), eod.toString());
            Verdict v = ViewCollector.judge(rig, ZvtOutcomes.of(Operation.SALE, sale, true), ZvtOutcomes.of(Operation.END_OF_DAY, eod, true), 1234, List.of());
            assertEquals(VerdictKind.SETTLED, v.kind(), v.explain());
            assertTrue(v.because().get(0).contains("receipt lines 12"), v.explain());
            assertFalse(rig.evidence().events().stream().anyMatch(e -> "unsupported-command".equals(e.get("kind"))
                    || "command-refused".equals(e.get("kind"))), "nothing refused");
            assertTrue(events(rig, "tlv-received").size() >= 4, "every container recorded");
        }
    }

    private static List<Map<String, Object>> events(Rig rig, String kind) {
        return rig.evidence().events().stream().filter(e -> "terminal".equals(e.get("source"))
                && kind.equals(e.get("kind"))).toList();
    }
}
