package io.firstsettle.oracle;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every finding Diagnosis writes has Chinese; evidence lines name their recorder in Chinese and keep the event. */
class DiagnosisChineseTest {
    @Test
    void everyFindingOfTheDiagnosisHasChinese() {
        List<String> findings = List.of("the rig failed; the terminal was not judged",
                "the bank answered DECLINED (HTTP 402) to /bank/v1/authorizations",
                "the acquirer host failed or was not there although the bank was fine",
                "the link between terminal and host timed out or broke",
                "the cashier chose refund where sale was meant",
                "the register sent a sale without registering the terminal first",
                "the cashier keyed 21.34 for a sale priced 12.34; the terminal charged and the merchant was credited "
                        + "what was keyed, so the books agree with the money and the difference is the operator's",
                "the cashier pressed abort while the terminal waits for the host", "the register was set up wrongly: the config byte says the register prints, but its printer driver never answers 06 D1",
                "the operator aborted the payment mid-way",
                "the sale was approved but the day was never closed, so it was never settled",
                "the verdict is LOST while register, host and bank behaved",
                "the bank held the first credit: risk review", "approved, settled and credited once",
                "no verdict was recorded and no fault shows in the events (the run may have been cut short)",
                "the verdict is REVERSED and no fault shows in the events");
        for (String f : findings) {
            String zh = DiagnosisChinese.finding(f);
            assertFalse(zh.contains("the "), "no Chinese for: " + f + " -> " + zh);
            assertTrue(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), zh);
        }
    }

    @Test
    void evidenceLinesNameTheRecorderInChinese() {
        assertEquals("#32 +8.690 s 银行(bank) bank-response: status=503",
                DiagnosisChinese.evidenceLine("#32 +8.690 s bank bank-response: status=503"));
        assertEquals("……另有 3 条同类事件", DiagnosisChinese.evidenceLine("... and 3 more like these"));
    }
}
