package io.firstsettle.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How one ISO 8583 message travels on a terminal's TCP line (jPOS NACChannel style). One value is shared by the host's
 * ISO dialect, the emulated terminal's client and the link-fault proxy, so all three agree on where the MTI starts.
 *
 * <pre>
 *   +--------+--------------------------------+-----+--------+-----------+
 *   | len(2) | header: TPDU 5 | CUP 5 + 6 = 11 | MTI | bitmap | fields... |
 *   +--------+--------------------------------+-----+--------+-----------+
 *   len: big-endian, counts header + message (not itself)
 *   TPDU: 60 DDDD SSSS (id, destination = NII, source)              protocols.md C.5
 *   CUP:  TPDU + application header, e.g. 60 0003 0000 613100 310003  protocols.md D.1
 *   MTI:  4 ASCII digits (ASCII packagers) or 2 BCD bytes (binary packagers)
 * </pre>
 *
 * Pure: no sockets, only the bytes of a stream. Where jPOS swaps the TPDU in replies and where it does not is the host
 * dialect's business, not this one's.
 */
public final class IsoFrameFormat {
    /** The length prefix: 2 bytes, big-endian. */
    public static final int LENGTH_BYTES = 2;
    /** A plain TPDU header. */
    public static final int TPDU_BYTES = 5;
    /** A China UnionPay style header: TPDU (5) + application header (6). */
    public static final int CUP_HEADER_BYTES = 11;

    private final byte[] header;

    private IsoFrameFormat(byte[] header) {
        this.header = header;
    }

    /**
     * @param headerHex the channel header in hex: 10 digits (TPDU), 22 (CUP style) or empty (no header)
     */
    public static IsoFrameFormat ofHeaderHex(String headerHex) {
        String h = headerHex == null ? "" : headerHex.trim();
        if (!h.matches("|[0-9A-Fa-f]{10}|[0-9A-Fa-f]{22}")) {
            throw new IllegalArgumentException("ISO channel header \"" + headerHex + "\" is neither 5 nor 11 bytes of "
                    + "hex: use 10 hex digits for a TPDU such as 6000000000, or 22 for a China UnionPay style header "
                    + "such as 6000030000613100310003");
        }
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return new IsoFrameFormat(b);
    }

    /** Bytes of channel header between the length prefix and the MTI. */
    public int headerBytes() {
        return header.length;
    }

    /** The header a sender puts on its messages (a copy). */
    public byte[] header() {
        return header.clone();
    }

    public String headerHex() {
        StringBuilder sb = new StringBuilder();
        for (byte b : header) {
            sb.append(String.format("%02X", b & 0xFF));
        }
        return sb.toString();
    }

    /** Reads one whole frame, length prefix included; EOF when the stream ends before a frame starts or within one. */
    public static byte[] readFrame(InputStream in) throws IOException {
        int hi = in.read();
        if (hi < 0) {
            throw new EOFException();
        }
        int lo = in.read();
        if (lo < 0) {
            throw new EOFException("the stream ended inside a length prefix");
        }
        int len = (hi << 8) | lo;
        byte[] frame = new byte[LENGTH_BYTES + len];
        frame[0] = (byte) hi;
        frame[1] = (byte) lo;
        int off = LENGTH_BYTES;
        while (off < frame.length) {
            int n = in.read(frame, off, frame.length - off);
            if (n < 0) {
                throw new EOFException("the stream ended " + (frame.length - off) + " bytes short of a " + len
                        + "-byte frame");
            }
            off += n;
        }
        return frame;
    }

    /** The frame's channel header (a copy); shorter than {@link #headerBytes()} only for a truncated frame. */
    public byte[] headerOf(byte[] frame) {
        int end = Math.min(frame.length, LENGTH_BYTES + header.length);
        return end <= LENGTH_BYTES ? new byte[0] : Arrays.copyOfRange(frame, LENGTH_BYTES, end);
    }

    /**
     * The MTI after the length prefix and the header: 4 ASCII digits, else 2 BCD bytes as 4 hex digits;
     * {@code "????"} when the frame is too short to have one.
     */
    public String mti(byte[] frame) {
        int at = LENGTH_BYTES + header.length;
        if (frame.length >= at + 4 && digits(frame, at, 4)) {
            return new String(frame, at, 4, StandardCharsets.US_ASCII);
        }
        if (frame.length >= at + 2) {
            return String.format("%02X%02X", frame[at] & 0xFF, frame[at + 1] & 0xFF);
        }
        return "????";
    }

    private static boolean digits(byte[] b, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsoFrameFormat f && Arrays.equals(header, f.header);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(header);
    }

    @Override
    public String toString() {
        return "ISO frame: 2-byte length + " + header.length + "-byte header " + headerHex();
    }
}
