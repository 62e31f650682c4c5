package io.firstsettle.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.core.Hex;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command with a good CRC but content that does not parse is answered 84 9A (protocol error), never with silence
 * that leaves the register waiting out T3; the terminal goes on serving the next command.
 */
class MalformedCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTruncatedAmountIsAnsweredProtocolErrorAndTheTerminalServesOn() throws Exception {
        try (Bench b = new Bench(dir, Set.of())) {
            assertTrue(b.register().success());
            // Authorization whose BMP 04 (6-byte amount) holds only 2 bytes: the APDU is framed right, its content is not
            EcrTranscript bad = b.ecr.run("Authorization", new Apdu(0x06, 0x01, Hex.parse("04 12 34")));
            assertTrue(bad.finished(), bad.toString());
            assertEquals(0x9A, bad.resultCode(), bad.toString());
            EcrTranscript next = b.ecr.statusEnquiry(new io.firstsettle.ecr.zvt.message.StatusEnquiry("000000"));
            assertTrue(next.finished(), "the terminal still serves: " + next);
        }
    }
}
