package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import io.firstsettle.ecr.zvt.codec.Crc16Kermit;
import io.firstsettle.ecr.zvt.codec.FrameEvent;
import io.firstsettle.core.Hex;
import io.firstsettle.ecr.zvt.codec.ZvtFrameParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes captured ZVT traffic into readable lines for {@code firstsettle decode zvt}: serial captures (DLE STX
 * frames, ACK/NAK bytes) or bare TCP APDUs. PANs are masked; every defect names its byte offset in the capture.
 */
public final class ZvtTraceDecoder {
    private ZvtTraceDecoder() {
    }

    /** Decodes a serial capture (frames, ACK/NAK, garbage). A frame cut off at the end of the capture is reported. */
    public static DecodeReport decode(byte[] serialBytes) {
        List<String> lines = new ArrayList<>();
        boolean good = true;
        ZvtFrameParser parser = new ZvtFrameParser();
        int garbageStart = -1;
        java.io.ByteArrayOutputStream garbage = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < serialBytes.length; i++) {
            List<FrameEvent> events = parser.feed(serialBytes, i, 1);
            for (FrameEvent e : events) {
                if (e instanceof FrameEvent.Garbage g) {
                    if (garbageStart < 0) {
                        garbageStart = i - g.bytes().length + 1;
                    }
                    garbage.writeBytes(g.bytes());
                    continue;
                }
                if (garbageStart >= 0) {
                    lines.add(at(garbageStart) + "GARBAGE outside a frame: " + maskedHex(garbage.toByteArray()));
                    good = false;
                    garbageStart = -1;
                    garbage.reset();
                }
                if (e instanceof FrameEvent.Ack) {
                    lines.add(at(i) + "ACK");
                } else if (e instanceof FrameEvent.Nak) {
                    lines.add(at(i) + "NAK");
                } else if (e instanceof FrameEvent.Frame f) {
                    int crc = Crc16Kermit.forApdu(f.apdu());
                    lines.add(at(parser.frameStart()) + "frame, CRC good (" + Hex.format(crc & 0xFF) + " "
                            + Hex.format(crc >>> 8) + ")");
                    good &= apdu(f.apdu(), "    ", lines);
                } else if (e instanceof FrameEvent.Corrupt c) {
                    long start = parser.frameStart() >= 0 ? Math.min(parser.frameStart(), i) : i;
                    String reason = c.reason();
                    lines.add(at(start) + "CORRUPT frame: " + (reason.startsWith("bad CRC") ? "CRC bad, " : "")
                            + reason + " | raw " + maskedHex(c.raw()));
                    good = false;
                }
            }
        }
        if (garbageStart >= 0) {
            lines.add(at(garbageStart) + "GARBAGE outside a frame: " + maskedHex(garbage.toByteArray()));
            good = false;
        }
        if (parser.midFrame()) {
            for (FrameEvent e : parser.gapExpired()) {
                lines.add(at(parser.frameStart()) + "TRUNCATED frame at end of capture (byte " + serialBytes.length
                        + "): " + ((FrameEvent.Corrupt) e).reason());
            }
            good = false;
        }
        return new DecodeReport(lines, good);
    }

    /** {@link #decode(byte[])} of hex text; spaces, newlines and "0x" are ignored. */
    public static DecodeReport decodeHex(String hexWithSpacesOrNewlines) {
        return decode(Hex.parse(hexWithSpacesOrNewlines));
    }

    /** Decodes one or more bare APDUs back to back (a TCP capture: no DLE STX, no CRC, no ACK bytes). */
    public static DecodeReport decodeApduHex(String hex) {
        byte[] b = Hex.parse(hex);
        List<String> lines = new ArrayList<>();
        boolean good = true;
        int off = 0;
        while (off < b.length) {
            int len;
            try {
                len = Apdu.lengthAt(b, off);
            } catch (ZvtFormatException e) {
                lines.add(at(off) + "BROKEN APDU: " + e.getMessage() + " (offset relative to this APDU) | "
                        + maskedHex(java.util.Arrays.copyOfRange(b, off, b.length)));
                good = false;
                break;
            }
            byte[] one = java.util.Arrays.copyOfRange(b, off, off + len);
            lines.add(at(off) + "APDU");
            good &= apdu(one, "    ", lines);
            off += len;
        }
        return new DecodeReport(lines, good);
    }

    /** Appends the lines for one APDU; returns false if it is malformed. */
    private static boolean apdu(byte[] bytes, String indent, List<String> lines) {
        Apdu apdu;
        try {
            apdu = Apdu.decode(bytes);
        } catch (ZvtFormatException e) {
            lines.add(indent + "BROKEN APDU " + e.getMessage() + " | " + maskedHex(bytes));
            return false;
        }
        String name = ZvtCommand.nameOf(apdu.cls(), apdu.instr());
        lines.add(indent + Hex.format(apdu.cls()) + " " + Hex.format(apdu.instr()) + " " + name + ", "
                + apdu.data().length + " data bytes");
        try {
            for (String l : ZvtRenderer.render(apdu)) {
                lines.add(indent + "  " + l);
            }
        } catch (ZvtFormatException e) {
            lines.add(indent + "  BROKEN data " + e.getMessage() + " (APDU offset) | " + maskedHex(bytes));
            return false;
        }
        return true;
    }

    /**
     * Hex for dumps of bytes that could not be decoded: any run of 6 or more packed-BCD bytes (12+ digits, which may be
     * a PAN) keeps its first 3 and last 2 bytes and shows "**" for the rest, so a broken frame never leaks a card number.
     */
    public static String maskedHex(byte[] all) {
        // a dump shows at most DUMP_MAX bytes: a megabyte of noise must not become a megabyte-long line
        byte[] bytes = all.length > DUMP_MAX ? java.util.Arrays.copyOf(all, DUMP_MAX) : all;
        String more = all.length > DUMP_MAX ? " ... (" + (all.length - DUMP_MAX) + " more bytes, " + all.length
                + " in all)" : "";
        return masked(bytes) + more;
    }

    /** Longest dump of undecodable bytes in one line. */
    static final int DUMP_MAX = 64;

    private static String masked(byte[] bytes) {
        String[] out = new String[bytes.length];
        int i = 0;
        while (i < bytes.length) {
            int j = i;
            while (j < bytes.length && isBcd(bytes[j])) {
                j++;
            }
            for (int k = i; k < j; k++) {
                boolean hide = j - i >= 6 && k >= i + 3 && k < j - 2;
                out[k] = hide ? "**" : Hex.format(bytes[k]);
            }
            if (j == i) {
                out[i] = Hex.format(bytes[i]);
                j++;
            }
            i = j;
        }
        return String.join(" ", out);
    }

    private static boolean isBcd(byte b) {
        return ((b >> 4) & 0xF) <= 9 && (b & 0xF) <= 9;
    }

    private static String at(long offset) {
        return String.format("@%06d ", offset);
    }
}
