package io.firstsettle.ecr.concert;

import static io.firstsettle.ecr.concert.ConcertVectors.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Request and answer records against §B vectors, and the typed errors naming field and offset. */
class ConcertMessagesTest {

    @Test
    void theSectionBExampleRequestDecodesToItsFields() {
        ConcertRequest r = ConcertRequest.decode(payload(ConcertVectors.SALE_1234_HEX));
        assertEquals(1, r.posNumber());
        assertEquals(1234, r.amountCents());
        assertEquals(AnswerSize.FULL, r.answerSize());
        assertEquals(PaymentMode.CARD, r.paymentMode());
        assertEquals(TransactionType.DEBIT, r.transactionType());
        assertEquals("978", r.currency());
        assertEquals(" ".repeat(10), r.privateData());
        assertEquals(AnswerDelay.AT_END, r.delay());
        assertEquals(AuthorizationMode.NORMAL, r.authorization());
    }

    @Test
    void encodingTheSaleGivesTheSectionBBytes() {
        ConcertRequest sale = ConcertRequest.sale(1, 1234, "978", AnswerSize.FULL);
        assertArrayEquals(payload(ConcertVectors.SALE_1234_HEX), sale.encode(RequestLayout.E_PLUS));
    }

    @Test
    void theV2LayoutHasOneCharDelayAndAuthorization() {
        ConcertRequest r = ConcertRequest.decode(payload(ConcertVectors.V2_SALE_HEX));
        assertEquals(AnswerSize.SHORT, r.answerSize());
        assertEquals(AnswerDelay.AT_END, r.delay());
        assertEquals(AuthorizationMode.NORMAL, r.authorization());
        assertArrayEquals(payload(ConcertVectors.V2_SALE_HEX), r.encode(RequestLayout.V2_SHORT_FLAGS));
        assertEquals(28, r.encode(RequestLayout.V2_SHORT_FLAGS).length);
        assertEquals(34, r.encode(RequestLayout.E_PLUS).length);
    }

    @Test
    void theFullAnswerDecodesWithItsReport() {
        ConcertAnswer a = ConcertAnswer.decode(payload(ConcertVectors.FULL_APPROVED_HEX));
        assertEquals(1, a.posNumber());
        assertEquals(AnswerStatus.SUCCESS, a.status());
        assertEquals(1234, a.amountCents());
        assertEquals(PaymentMode.CARD, a.paymentMode());
        assertEquals(AnswerSize.FULL, a.size());
        assertTrue(a.report().orElseThrow().startsWith("4761739001010010 "));
        assertEquals("978", a.currency());
        assertEquals(Optional.of("476173******0010"), a.maskedCard());
        assertFalse(a.toString().contains("4761739001010010"), "toString masks the card: " + a);
        assertArrayEquals(payload(ConcertVectors.FULL_APPROVED_HEX), a.encode());
    }

    @Test
    void theShortAnswerHasNoReport() {
        ConcertAnswer a = ConcertAnswer.decode(payload(ConcertVectors.SHORT_DECLINED_HEX));
        assertEquals(AnswerStatus.REJECTED, a.status());
        assertEquals(AnswerSize.SHORT, a.size());
        assertEquals(Optional.empty(), a.report());
        assertEquals("978", a.currency());
        assertArrayEquals(payload(ConcertVectors.SHORT_DECLINED_HEX), a.encode());
    }

    @Test
    void notPossibleEchoesTheRequestWithStatus7InTheSizeAsked() {
        ConcertRequest r = ConcertRequest.decode(payload(ConcertVectors.SALE_1234_HEX));
        ConcertAnswer a = r.withType(TransactionType.AUTO).notPossible();
        assertEquals(AnswerStatus.REJECTED, a.status());
        assertEquals(80, a.encode().length);
        ConcertAnswer viaServices = new ConcertTerminalServices() { }.serve(r);
        assertEquals(AnswerStatus.REJECTED, viaServices.status(), "the default debit is 'not possible'");
    }

    @Test
    void badFieldsAreNamedWithTheirOffset() {
        assertFormat("amount", 6, replace(ConcertVectors.SALE_1234_HEX, 6, 'X'));
        assertFormat("answer flag", 10, replace(ConcertVectors.SALE_1234_HEX, 10, '5'));
        assertFormat("transaction type", 12, replace(ConcertVectors.SALE_1234_HEX, 12, '3'));
        assertFormat("currency", 13, replace(ConcertVectors.SALE_1234_HEX, 14, 'E'));
        assertFormat("delay", 26, replace(ConcertVectors.SALE_1234_HEX, 29, '9'));
        assertFormat("authorization", 30, replace(ConcertVectors.SALE_1234_HEX, 30, 'C'));
        assertFormat("request", 20, replace(ConcertVectors.SALE_1234_HEX, 20, (char) 0x01));
        ConcertFormatException len = assertThrows(ConcertFormatException.class,
                () -> ConcertRequest.decode("0100".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("length", len.field());
        ConcertFormatException status = assertThrows(ConcertFormatException.class,
                () -> ConcertAnswer.decode(replace(ConcertVectors.SHORT_DECLINED_HEX, 2, '5')));
        assertEquals("status", status.field());
        assertEquals(2, status.offset());
        ConcertFormatException cur = assertThrows(ConcertFormatException.class,
                () -> ConcertAnswer.decode(replace(ConcertVectors.FULL_APPROVED_HEX, 68, 'U')));
        assertEquals("currency", cur.field());
        assertEquals(67, cur.offset());
        assertTrue(cur.getMessage().contains("offset 67"), cur.getMessage());
    }

    @Test
    void encodingRefusesValuesThatDoNotFit() {
        ConcertFormatException e = assertThrows(ConcertFormatException.class,
                () -> ConcertRequest.sale(1, 100_000_000L, "978", AnswerSize.FULL));
        assertEquals("amount", e.field());
        assertEquals("POS number", assertThrows(ConcertFormatException.class,
                () -> ConcertRequest.sale(100, 1, "978", AnswerSize.FULL)).field());
        assertEquals("currency", assertThrows(ConcertFormatException.class,
                () -> ConcertRequest.sale(1, 1, "EUR", AnswerSize.FULL)).field());
        ConcertRequest weird = new ConcertRequest(1, 1, AnswerSize.FULL, PaymentMode.CARD, TransactionType.DEBIT,
                "978", "caf\u00e9      ", AnswerDelay.AT_END, AuthorizationMode.NORMAL);
        ConcertFormatException priv = assertThrows(ConcertFormatException.class,
                () -> weird.encode(RequestLayout.E_PLUS));
        assertEquals("private data", priv.field());
        assertEquals(19, priv.offset());
    }

    static byte[] replace(String hex, int offset, char c) {
        byte[] p = payload(hex);
        p[offset] = (byte) c;
        return p;
    }

    static void assertFormat(String field, int offset, byte[] payload) {
        ConcertFormatException e = assertThrows(ConcertFormatException.class, () -> ConcertRequest.decode(payload));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }
}
