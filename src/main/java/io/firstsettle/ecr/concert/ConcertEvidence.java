package io.firstsettle.ecr.concert;

import io.firstsettle.core.CardData;

import java.nio.charset.StandardCharsets;

/** Payload text for the evidence, card data masked where §B puts it (the full answer's report). */
final class ConcertEvidence {
    private ConcertEvidence() {
    }

    /**
     * A request (34 or 28 chars) or short answer (25) carries no card data and is shown as sent; a full answer (80)
     * has its report masked; anything else is masked wholesale, as it may hold a card number anywhere.
     */
    static String payloadText(byte[] payload) {
        String t = new String(payload, StandardCharsets.US_ASCII);
        int n = t.length();
        if (n == AnswerSize.FULL.payloadLength()) {
            int end = 12 + ConcertAnswer.REPORT_LENGTH;
            return t.substring(0, 12) + CardData.maskText(t.substring(12, end)) + t.substring(end);
        }
        if (n == RequestLayout.E_PLUS.length() || n == RequestLayout.V2_SHORT_FLAGS.length()
                || n == AnswerSize.SHORT.payloadLength()) {
            return t;
        }
        return CardData.maskText(t);
    }
}
