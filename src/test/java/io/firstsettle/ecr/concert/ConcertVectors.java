package io.firstsettle.ecr.concert;

import io.firstsettle.core.Hex;

/**
 * Concert frames written from protocols.md §B facts, not by our encoder. The request is §B's own example; the LRCs of
 * the others were worked out by hand from §B's rule (XOR of every byte after STX up to and including ETX).
 */
final class ConcertVectors {
    private ConcertVectors() {
    }

    /** §B example: 12.34 EUR, POS 01, full answer, card, debit, A010, B010. Its LRC is 03, the same value as ETX. */
    static final String SALE_1234_HEX = "02 30 31 30 30 30 30 31 32 33 34 31 31 30 39 37 38"
            + " 20 20 20 20 20 20 20 20 20 20 41 30 31 30 42 30 31 30 03 03";

    /** Full answer (83 bytes): POS 01, status 0, 12.34, card, report "4761739001010010" + 39 spaces, 978. LRC 19. */
    static final String FULL_APPROVED_HEX = "02 30 31 30 30 30 30 30 31 32 33 34 31"
            + " 34 37 36 31 37 33 39 30 30 31 30 31 30 30 31 30" + " 20".repeat(39)
            + " 39 37 38" + " 20".repeat(10) + " 03 19";

    /** Short answer (28 bytes): POS 01, status 7 (rejected), 12.34, card, 978, no private data. LRC 36. */
    static final String SHORT_DECLINED_HEX = "02 30 31 37 30 30 30 30 31 32 33 34 31 39 37 38" + " 20".repeat(10)
            + " 03 36";

    /** A request whose LRC is 02, the same value as STX: 0.05 EUR, POS 01, otherwise as the §B example. */
    static final String SALE_0005_LRC_STX_HEX = "02 30 31 30 30 30 30 30 30 30 35 31 31 30 39 37 38"
            + " 20 20 20 20 20 20 20 20 20 20 41 30 31 30 42 30 31 30 03 02";

    /** V2 layout (28 chars, 1-char delay and auth): 12.34, short answer, card, debit, delay 0, auth 0. LRC 01. */
    static final String V2_SALE_HEX = "02 30 31 30 30 30 30 31 32 33 34 30 31 30 39 37 38"
            + " 20 20 20 20 20 20 20 20 20 20 30 30 03 01";

    static byte[] bytes(String hex) {
        return Hex.parse(hex);
    }

    /** The bytes between STX and ETX of a whole frame. */
    static byte[] payload(String hex) {
        byte[] f = bytes(hex);
        return java.util.Arrays.copyOfRange(f, 1, f.length - 2);
    }
}
