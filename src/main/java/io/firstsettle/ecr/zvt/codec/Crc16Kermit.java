package io.firstsettle.ecr.zvt.codec;

/**
 * CRC-16/KERMIT as used by the ZVT serial transport ([ZVT-TP] §3.3).
 *
 * <p>The spec calls it "CRC-XModem with polynomial x^16 + x^15 + x^10 + x^3", but every working implementation computes
 * the <em>reflected</em> CCITT CRC: poly 0x8408 (right shifting), init 0x0000, no final xor; check("123456789") = 0x2189.
 * A true (non-reflected) XModem CRC gives the wrong bytes. On the wire the low byte goes first.
 */
public final class Crc16Kermit {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc16Kermit() {
    }

    /** CRC of {@code len} bytes of {@code data} from {@code off}; result in 0..0xFFFF. */
    public static int compute(byte[] data, int off, int len) {
        return update(0, data, off, len);
    }

    /**
     * The checksum a ZVT serial frame carries for this APDU: CRC over the unstuffed APDU bytes followed by ETX (0x03).
     * The leading DLE STX, the DLE before ETX and all stuffing DLEs are not included ([ZVT-TP] §3.3).
     */
    public static int forApdu(byte[] apdu) {
        int crc = update(0, apdu, 0, apdu.length);
        return update(crc, new byte[] {ZvtSerialFrame.ETX}, 0, 1);
    }

    static int update(int crc, byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc & 0xFFFF;
    }
}
