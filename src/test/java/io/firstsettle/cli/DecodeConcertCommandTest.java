package io.firstsettle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code firstsettle decode concert} in-process through picocli, with §B byte vectors written by hand. */
class DecodeConcertCommandTest {
    /** §B's example request (12.34 EUR, POS 01); its LRC 03 equals ETX. */
    static final String SALE = "02 30 31 30 30 30 30 31 32 33 34 31 31 30 39 37 38"
            + " 20 20 20 20 20 20 20 20 20 20 41 30 31 30 42 30 31 30 03 03";
    /** Short answer: POS 01, status 7, 12.34, card, 978; LRC worked out by hand = 36. */
    static final String SHORT_DECLINE = "02 30 31 37 30 30 30 30 31 32 33 34 31 39 37 38" + " 20".repeat(10) + " 03 36";
    /** Full answer with card number 4761739001010010 in the report; LRC 19. */
    static final String FULL_APPROVED = "02 30 31 30 30 30 30 30 31 32 33 34 31"
            + " 34 37 36 31 37 33 39 30 30 31 30 31 30 30 31 30" + " 20".repeat(39) + " 39 37 38" + " 20".repeat(10)
            + " 03 19";

    static DecodeCommandTest.Run run(String... args) {
        return DecodeCommandTest.run(args);
    }

    @Test
    void aWholeSaleDecodesFrameByFrameAndExitsZero() {
        DecodeCommandTest.Run r = run("decode", "concert", "05", "06", SALE, "06", "04", "05", "06", FULL_APPROVED,
                "06", "04");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("LRC good (03): request (E_PLUS) ConcertRequest[POS 01, DEBIT 12.34 (978)"),
                r.out());
        assertTrue(r.out().contains("answer ConcertAnswer[POS 01, SUCCESS, 12.34 (978)"), r.out());
        assertTrue(r.out().contains("476173******0010"), r.out());
        assertFalse(r.out().contains("4761739001010010"), "the card number is masked: " + r.out());
        assertEquals(4, r.out().lines().filter(l -> l.contains(" ACK ")).count(), r.out());
        assertEquals(2, r.out().lines().filter(l -> l.contains(" EOT ")).count(), r.out());
    }

    @Test
    void aBadLrcExitsOneAndSaysExpectedAndReceived() {
        DecodeCommandTest.Run r = run("decode", "concert", SALE.substring(0, SALE.length() - 2) + "05");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("BAD LRC"), r.out());
        assertTrue(r.out().contains("expected 03") && r.out().contains("received 05"), r.out());
    }

    @Test
    void aTruncatedFrameOrUnreadableFieldsExitOne() {
        assertEquals(1, run("decode", "concert", "02 30 31 30").exit());
        // a short answer with status '5', which §B does not define: LRC worked out by hand = 34
        DecodeCommandTest.Run r = run("decode", "concert", "02 30 31 35 30 30 30 30 31 32 33 34 31 39 37 38"
                + " 20".repeat(10) + " 03 34");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FIELDS DO NOT READ") && r.out().contains("'status' at payload offset 2"), r.out());
    }

    @Test
    void unusableInputExitsTwo(@TempDir Path dir) throws Exception {
        assertEquals(2, run("decode", "concert", "02 3Z").exit());
        assertEquals(2, run("decode", "concert").exit());
        DecodeCommandTest.Run missing = run("decode", "concert", "--file", dir.resolve("none.txt").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("cannot read the trace file"), missing.err());
    }

    @Test
    void aTraceFileWithCommentsAndParityBitsDecodes(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("concert.txt");
        // the short decline as an 8-bit capture of a 7E1 line: even parity in bit 7 of each byte
        StringBuilder withParity = new StringBuilder();
        for (String h : SHORT_DECLINE.split(" ")) {
            int b = Integer.parseInt(h, 16);
            withParity.append(String.format("%02X ", Integer.bitCount(b) % 2 == 1 ? b | 0x80 : b));
        }
        Files.writeString(trace, "# terminal -> register\n" + withParity + "\n");
        DecodeCommandTest.Run r = run("decode", "concert", "--file", trace.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("REJECTED"), r.out());
        DecodeCommandTest.Run strict = run("decode", "concert", "--keep-bit7", "--file", trace.toString());
        assertEquals(1, strict.exit(), strict.out());
    }
}
