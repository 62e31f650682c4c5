package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;

/** Maps an APDU to its typed {@link ZvtMessage}. */
public final class ZvtMessages {
    private ZvtMessages() {
    }

    /**
     * The typed record for a known command in a form modelled here; otherwise {@link Unknown}. A known command whose
     * data is malformed (bad BCD, truncated BMP, unknown BMP) throws {@link ZvtFormatException} with the APDU offset.
     */
    public static ZvtMessage decode(Apdu apdu) {
        return decode(apdu, false);
    }

    /**
     * As {@link #decode(Apdu)}, for the ECR side of a terminal whose profile says it sends BMPs outside the spec tables
     * ({@code TerminalProfile.tolerateUnknownBmps}): in the messages a PT sends with BMPs (04 0F Status Information,
     * 06 0F Completion, 06 E0 Display Text) an unknown BMP no longer fails the decode; it and everything after it are
     * kept as one {@link BmpField#RAW_REST} field, since an unknown BMP has no known length ([ZVT-SPEC] ch.13).
     * Without the flag this is {@link #decode(Apdu)}: the {@link ZvtFormatException} names the BMP byte and offset.
     */
    public static ZvtMessage decode(Apdu apdu, boolean tolerateUnknownBmps) {
        ZvtCommand cmd = apdu.command();
        if (cmd == null) {
            return new Unknown(apdu);
        }
        int n = apdu.data().length;
        return switch (cmd) {
            case REGISTRATION -> Registration.from(apdu);
            case AUTHORIZATION -> Authorization.from(apdu);
            case STATUS_INFORMATION -> StatusInformation.from(apdu, tolerateUnknownBmps);
            case COMPLETION -> Completion.from(apdu, tolerateUnknownBmps);
            case ABORT_FROM_PT -> AbortFromPt.from(apdu);
            case INTERMEDIATE_STATUS -> IntermediateStatus.from(apdu);
            case END_OF_DAY -> EndOfDay.from(apdu);
            case INITIALISATION -> n == 3 ? Initialisation.from(apdu) : new Unknown(apdu);
            case PRINT_LINE -> PrintLine.from(apdu);
            case STATUS_ENQUIRY -> StatusEnquiry.from(apdu);
            case DIAGNOSIS -> Diagnosis.from(apdu);
            case LOG_OFF -> n == 0 ? new LogOff() : new Unknown(apdu);
            case ABORT_FROM_ECR -> AbortFromEcr.from(apdu);
            case RESET_TERMINAL -> n == 0 ? new ResetTerminal() : new Unknown(apdu);
            case DISPLAY_TEXT -> DisplayText.from(apdu, tolerateUnknownBmps);
            case REVERSAL -> Reversal.from(apdu);
            case REFUND -> Refund.from(apdu);
            case SEND_TURNOVER_TOTALS -> SendTurnoverTotals.from(apdu);
            case REPEAT_RECEIPT -> RepeatReceipt.from(apdu);
            case PRINT_TEXT_BLOCK -> PrintTextBlock.from(apdu);
            case POSITIVE_ACK, NEGATIVE_ACK -> n == 0 ? Acknowledgement.from(apdu) : new Unknown(apdu);
            default -> new Unknown(apdu);
        };
    }
}
