package io.firstsettle.ecr.zvt.codec;

import java.io.ByteArrayOutputStream;

/**
 * Encodes one APDU into a ZVT serial frame ([ZVT-TP] §3.1).
 *
 * <pre>
 *  +-----+-----+---------------------------+-----+-----+--------+---------+
 *  | DLE | STX | APDU, each 0x10 sent twice | DLE | ETX | CRC lo | CRC hi  |
 *  | 10  | 02  | ...                        | 10  | 03  | raw    | raw     |
 *  +-----+-----+---------------------------+-----+-----+--------+---------+
 * </pre>
 *
 * The CRC ({@link Crc16Kermit#forApdu}) covers the unstuffed APDU plus ETX. The two CRC bytes are sent raw, never
 * stuffed (as ecrterm and the Europa-Park library do; the spec only stuffs the APDU). ACK (0x06) and NAK (0x15) travel
 * as single unframed bytes ([ZVT-TP] §3.2).
 */
public final class ZvtSerialFrame {
    public static final byte DLE = 0x10;
    public static final byte STX = 0x02;
    public static final byte ETX = 0x03;
    public static final byte ACK = 0x06;
    public static final byte NAK = 0x15;

    private ZvtSerialFrame() {
    }

    /** {@code 10 02 <apdu with 0x10 doubled> 10 03 crcLow crcHigh}. */
    public static byte[] encode(byte[] apdu) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(apdu.length + 8);
        out.write(DLE);
        out.write(STX);
        for (byte b : apdu) {
            out.write(b);
            if (b == DLE) {
                out.write(DLE);
            }
        }
        out.write(DLE);
        out.write(ETX);
        int crc = Crc16Kermit.forApdu(apdu);
        out.write(crc & 0xFF);
        out.write(crc >>> 8);
        return out.toByteArray();
    }
}
