package io.firstsettle.ecr.concert;

import io.firstsettle.port.SerialSettings;

import java.util.Objects;

/**
 * The serial settings of a Concert line and the bit-7 policy that goes with them (protocols.md §B).
 *
 * <p>On a kernel pseudo-terminal the Linux pty driver forces 8 data bits and no parity whatever jssc asks for, so bit 7
 * crosses unchanged there; on a 7E1 line the codec clears it itself ({@link ConcertFrameParser.Bit7#STRIP}), which is
 * what a real 7E1 UART hands the application anyway.
 */
public record ConcertLine(SerialSettings settings, ConcertFrameParser.Bit7 bit7) {
    /** Native RS-232: 9600 baud, 7 data bits, even parity, 1 stop bit ([TELIUM] {@code TeliumNativeSerial}). */
    public static final ConcertLine RS232_7E1 = new ConcertLine(
            new SerialSettings(9600, 7, 1, SerialSettings.Parity.EVEN), ConcertFrameParser.Bit7.STRIP);
    /** USB CDC-ACM: 9600 8N1 ([TELIUM] {@code Telium.__init__}); bit 7 must be 0 in plain ASCII. */
    public static final ConcertLine USB_8N1 = new ConcertLine(
            new SerialSettings(9600, 8, 1, SerialSettings.Parity.NONE), ConcertFrameParser.Bit7.REJECT);

    public ConcertLine {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(bit7, "bit7");
    }
}
