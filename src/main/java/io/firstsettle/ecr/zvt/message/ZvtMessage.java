package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;

/** A typed ZVT message; {@link ZvtMessages#decode(Apdu)} returns one for every APDU. */
public sealed interface ZvtMessage permits Registration, Authorization, StatusInformation, Completion, AbortFromPt,
        IntermediateStatus, EndOfDay, PrintLine, StatusEnquiry, Initialisation, Diagnosis, LogOff, AbortFromEcr,
        ResetTerminal, DisplayText, Acknowledgement, Reversal, Refund, SendTurnoverTotals, RepeatReceipt, PrintTextBlock,
        Unknown {

    /** The APDU this message is on the wire. */
    Apdu toApdu();
}
