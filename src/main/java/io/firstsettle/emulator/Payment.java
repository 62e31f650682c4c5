package io.firstsettle.emulator;

import io.firstsettle.profile.CardProfile;

import java.time.ZonedDateTime;

/**
 * A sale the host decided (or, under {@link Defect#APPROVED_ON_TIMEOUT}, did not), as the engine hands it to the
 * protocol session: protocol-neutral, the session turns it into its own result message.
 *
 * @param amountMinor   what the register asked for (and is shown)
 * @param hostAmount    what DE4 of the 0200 carried ({@link DecisionPoint#HOST_AMOUNT})
 * @param de39          the host's response code ("00" approved)
 * @param hostApproved  the host approved it (DE39 00)
 * @param shownApproved the terminal shows it approved ({@link DecisionPoint#DECLINE_SHOWN} may differ)
 * @param withoutAnswer shown approved although the host never answered ({@link DecisionPoint#NO_ANSWER})
 * @param receiptNo     the receipt number, 0 until {@link PaymentEngine#record(Payment)} gave it one
 */
public record Payment(String stan, long amountMinor, long hostAmount, int currency, CardProfile card,
                      ZonedDateTime time, String de39, String authCode, String rrn, boolean hostApproved,
                      boolean shownApproved, boolean withoutAnswer, int receiptNo) {

    Payment withReceiptNo(int no) {
        return new Payment(stan, amountMinor, hostAmount, currency, card, time, de39, authCode, rrn, hostApproved,
                shownApproved, withoutAnswer, no);
    }

    public int traceNo() {
        return Integer.parseInt(stan);
    }
}
