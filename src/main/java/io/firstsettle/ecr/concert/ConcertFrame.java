package io.firstsettle.ecr.concert;

/**
 * Concert / Telium "protocol E" framing (protocols.md §B): an ASCII payload between STX and ETX, followed by one LRC
 * byte. No DLE stuffing: the payload is printable ASCII, so STX and ETX never occur inside it.
 *
 * <pre>
 *  +-----+---------------------------+-----+-----+
 *  | STX | payload (ASCII, 7-bit)    | ETX | LRC |     LRC = payload[0] ^ payload[1] ^ ... ^ payload[n-1] ^ ETX
 *  | 02  | 30 31 30 30 ...           | 03  | xx  |     (every byte after STX up to and including ETX)
 *  +-----+---------------------------+-----+-----+
 * </pre>
 *
 * The LRC is "the byte after ETX" and may take any 7-bit value, ETX (03) and STX (02) included: the §B example
 * request (12.34 EUR, POS 01) has LRC 03. A receiver must never scan for ETX again to find the frame's end.
 *
 * <p>On a 7E1 line each byte carries 7 data bits; the parity bit is the UART's business. Payload and LRC are
 * therefore 7-bit values, and {@link #encode} refuses a payload byte with bit 7 set.
 */
public final class ConcertFrame {
    private ConcertFrame() {
    }

    /** LRC of {@code len} payload bytes from {@code off}: XOR of them and of ETX (§B). */
    public static int lrc(byte[] payload, int off, int len) {
        int x = 0;
        for (int i = off; i < off + len; i++) {
            x ^= payload[i] & 0xFF;
        }
        return x ^ ConcertControl.ETX.wire();
    }

    public static int lrc(byte[] payload) {
        return lrc(payload, 0, payload.length);
    }

    /**
     * STX payload ETX LRC.
     *
     * @throws IllegalArgumentException when a payload byte is not 7-bit ASCII or is STX/ETX (they would end the
     *                                  frame early: the protocol has no escape)
     */
    public static byte[] encode(byte[] payload) {
        byte[] out = new byte[payload.length + 3];
        out[0] = ConcertControl.STX.asByte();
        for (int i = 0; i < payload.length; i++) {
            int b = payload[i] & 0xFF;
            if (b > 0x7F || b == ConcertControl.STX.wire() || b == ConcertControl.ETX.wire()) {
                throw new IllegalArgumentException(String.format("payload byte %d is %02X: a Concert payload is 7-bit"
                        + " ASCII without STX/ETX (§B); fix the field that produced it", i, b));
            }
            out[i + 1] = (byte) b;
        }
        out[payload.length + 1] = ConcertControl.ETX.asByte();
        out[payload.length + 2] = (byte) lrc(payload);
        return out;
    }
}
