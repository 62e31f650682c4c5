package io.firstsettle.fault;

import java.util.Optional;

/**
 * The framing a {@link SerialFaultPort} follows to recognise the {@link SerialPoint}s of an exchange: which ECR
 * protocol runs on the line. A point that names a moment the protocol does not have is refused with the reason, so
 * the scenario that needs it is skipped, never judged.
 */
public enum SerialFraming {
    /** ZVT over RS-232 ([ZVT-TP] §3.1): DLE STX APDU DLE ETX CRC; points recognised by APDU header. */
    ZVT("ZVT"),
    /** Concert / Telium protocol E+ (protocols.md §B): ENQ/ACK, STX payload ETX LRC, EOT, both ways. */
    CONCERT("Concert E+");

    private final String words;

    SerialFraming(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** The framing of a terminal profile's {@code protocol:} value ({@code zvt} or {@code concert}). */
    public static SerialFraming ofProtocol(String protocol) {
        return "concert".equals(protocol) ? CONCERT : ZVT;
    }

    /** Why this protocol has no moment {@code p} a fault could start at, or empty when it has one. */
    public Optional<String> missing(SerialPoint p) {
        if (this == ZVT) {
            return p == SerialPoint.RESULT_HANDOVER ? Optional.of("ZVT has no handshake before the result: the "
                    + "terminal sends its 04 0F at once (use status-information)") : Optional.empty();
        }
        return switch (p) {
            case PRINT_LINES -> Optional.of("Concert E+ sends the register no receipt lines: the terminal prints on its"
                    + " own paper");
            case END_OF_DAY -> Optional.of("Concert E+ has no end-of-day request on the line: the télécollecte is "
                    + "started by the harness or by the terminal's schedule");
            case AFTER_STATUS_INFORMATION -> Optional.of("a Concert E+ register holds the answer once it has ACKed "
                    + "it and has no way to learn whether that ACK arrived (no application acknowledgement like ZVT's "
                    + "80 00 00 and 06 0F), so a fault after the answer would make a correct terminal's reversal look "
                    + "like a misreport; result-handover is the moment that can be judged");
            default -> Optional.empty();
        };
    }
}
