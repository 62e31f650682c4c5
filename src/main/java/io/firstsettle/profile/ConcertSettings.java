package io.firstsettle.profile;

import io.firstsettle.ecr.concert.AnswerDelay;
import io.firstsettle.ecr.concert.AnswerSize;
import io.firstsettle.ecr.concert.AuthorizationMode;
import io.firstsettle.ecr.concert.ConcertLine;
import io.firstsettle.ecr.concert.ConcertRegisterSettings;
import io.firstsettle.ecr.concert.ConcertTimings;
import io.firstsettle.ecr.concert.PaymentMode;
import io.firstsettle.ecr.concert.RequestLayout;
import io.firstsettle.ecr.concert.TransactionType;

import java.time.Duration;
import java.util.Optional;

/**
 * The Concert part of a terminal profile ({@code concert:} in fixtures/terminals/*.yaml, read when
 * {@code protocol: concert}). Every field may be left out; the defaults are protocols.md §B's.
 *
 * @param line          "7E1" (native RS-232, the default) or "8N1" (USB CDC-ACM)
 * @param posNumber     the register's POS number, 1..99 (1)
 * @param answer        "full" (83-byte frame with the report, the default) or "short" (28-byte frame)
 * @param delay         "atEnd" (A010, answer at the end of the transaction, the default) or "atOnce" (A011)
 * @param layout        "E+" (34-char request, the default) or "V2" (28-char request with 1-char delay/auto fields)
 * @param refundType    transaction-type code a refund is sent with ("2")
 * @param cancelType    transaction-type code a reversal is sent with; absent: the terminal has none (E+ as §B gives it)
 * @param enqAckMillis  wait for ACK after ENQ, real ms (1000) [UNVERIFIED]
 * @param enqTries      ENQs before giving up (3) [UNVERIFIED]
 * @param frameAckMillis wait for ACK/NAK after a frame, real ms (1000) [UNVERIFIED]
 * @param frameRepeats  repeats of a frame after NAK or silence (2) [UNVERIFIED]
 * @param answerSeconds lab seconds the register waits for an A010 answer (120, §B)
 * @param telecollecte  a physical terminal's end-of-day (télécollecte) schedule: the time of day "HH:mm" at which it
 *                      settles its batch with the host on its own (set on the terminal; absent: the catalogue cannot
 *                      close the day on it and skips such scenarios)
 * @param telecollecteWaitMinutes how long after that time the harness waits for the terminal's settlement to reach
 *                      the host before it calls the lab at fault (default 15)
 */
public record ConcertSettings(String line, Integer posNumber, String answer, String delay, String layout,
                              String refundType, String cancelType, Integer enqAckMillis, Integer enqTries,
                              Integer frameAckMillis, Integer frameRepeats, Integer answerSeconds,
                              String telecollecte, Integer telecollecteWaitMinutes) {
    public ConcertSettings {
        line = line == null ? "7E1" : line;
        if (!line.equals("7E1") && !line.equals("8N1")) {
            throw new IllegalArgumentException("line must be '7E1' (native RS-232, 9600 7E1) or '8N1' (USB), not '"
                    + line + "'");
        }
        posNumber = posNumber == null ? 1 : posNumber;
        if (posNumber < 1 || posNumber > 99) {
            throw new IllegalArgumentException("posNumber must be 1..99 (2 digits on the wire), not " + posNumber);
        }
        answer = answer == null ? "full" : answer;
        if (!answer.equals("full") && !answer.equals("short")) {
            throw new IllegalArgumentException("answer must be 'full' or 'short', not '" + answer + "'");
        }
        delay = delay == null ? "atEnd" : delay;
        if (!delay.equals("atEnd") && !delay.equals("atOnce")) {
            throw new IllegalArgumentException("delay must be 'atEnd' (A010) or 'atOnce' (A011), not '" + delay + "'");
        }
        layout = layout == null ? "E+" : layout;
        if (!layout.equals("E+") && !layout.equals("V2")) {
            throw new IllegalArgumentException("layout must be 'E+' (34-char request) or 'V2' (28 chars), not '"
                    + layout + "'");
        }
        refundType = refundType == null ? "2" : refundType;
        type("refundType", refundType);
        if (cancelType != null) {
            type("cancelType", cancelType);
        }
        enqAckMillis = positive("enqAckMillis", enqAckMillis, 1000);
        enqTries = positive("enqTries", enqTries, 3);
        frameAckMillis = positive("frameAckMillis", frameAckMillis, 1000);
        frameRepeats = frameRepeats == null ? 2 : frameRepeats;
        if (frameRepeats < 0 || frameRepeats > 10) {
            throw new IllegalArgumentException("frameRepeats must be 0..10, not " + frameRepeats);
        }
        answerSeconds = positive("answerSeconds", answerSeconds, 120);
        if (telecollecte != null) {
            try {
                java.time.LocalTime.parse(telecollecte);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("telecollecte must be the time of day of the terminal's scheduled "
                        + "end-of-day as HH:mm (e.g. 23:30), not '" + telecollecte + "'");
            }
        }
        telecollecteWaitMinutes = positive("telecollecteWaitMinutes", telecollecteWaitMinutes, 15);
    }

    /** The scheduled télécollecte's time of day, if the profile names one. */
    public Optional<java.time.LocalTime> telecollecteTime() {
        return Optional.ofNullable(telecollecte).map(java.time.LocalTime::parse);
    }

    /** §B's defaults. */
    public static ConcertSettings defaults() {
        return new ConcertSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static TransactionType type(String field, String code) {
        for (TransactionType t : TransactionType.values()) {
            if (code.length() == 1 && t.wire() == code.charAt(0)) {
                return t;
            }
        }
        throw new IllegalArgumentException(field + " must be one transaction-type character (0 debit, 1 credit, "
                + "2 refund, 4 auto), not '" + code + "'");
    }

    private static int positive(String field, Integer v, int dflt) {
        if (v == null) {
            return dflt;
        }
        if (v <= 0) {
            throw new IllegalArgumentException(field + " must be positive, not " + v);
        }
        return v;
    }

    public ConcertLine concertLine() {
        return line.equals("8N1") ? ConcertLine.USB_8N1 : ConcertLine.RS232_7E1;
    }

    /** The line's timers: wire timers real time as written, the answer waits lab time. */
    public ConcertTimings timings() {
        ConcertTimings d = ConcertTimings.defaults();
        return new ConcertTimings(Duration.ofMillis(enqAckMillis), enqTries, d.frameWait(),
                Duration.ofMillis(frameAckMillis), frameRepeats, d.interByteGap(), d.eot(),
                Duration.ofSeconds(answerSeconds), d.answerAtOnce());
    }

    /** What the register puts in each request, with the profile's ISO 4217 currency. */
    public ConcertRegisterSettings registerSettings(int currency) {
        return new ConcertRegisterSettings(posNumber, String.format("%03d", currency), PaymentMode.CARD,
                answer.equals("short") ? AnswerSize.SHORT : AnswerSize.FULL,
                delay.equals("atOnce") ? AnswerDelay.AT_ONCE : AnswerDelay.AT_END, AuthorizationMode.NORMAL,
                layout.equals("V2") ? RequestLayout.V2_SHORT_FLAGS : RequestLayout.E_PLUS, type("refundType", refundType),
                Optional.ofNullable(cancelType).map(c -> type("cancelType", c)));
    }
}
