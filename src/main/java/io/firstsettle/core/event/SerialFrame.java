package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A frame on the serial line as the register ({@code ecr}) or the emulated terminal recorded it: {@code zvt-in} /
 * {@code zvt-out} (the bytes as hex, the decoded APDU's words, the attempt) or {@code concert-in} /
 * {@code concert-out} (the frame's ASCII payload, its LRC, the attempt).
 *
 * @param protocol "zvt" or "concert"
 * @param outbound sent by whoever recorded it (…-out) or received (…-in)
 * @param bytes    ZVT: the frame (out) or the APDU (in) as hex; null for Concert
 * @param apdu     ZVT: "Apdu[Registration: 06 00 ...]"; null for Concert
 * @param payload  Concert: the frame's text, card data masked; null for ZVT
 * @param attempt  1 for the first send, 2.. for repeats; null when not recorded (frames received)
 */
public record SerialFrame(String protocol, boolean outbound, String bytes, String apdu, String payload, String lrc,
                          Integer attempt) implements EvidenceEvent.Payload {
    public static SerialFrame zvt(boolean outbound, String bytes, String apdu, Integer attempt) {
        return new SerialFrame("zvt", outbound, bytes, apdu, null, null, attempt);
    }

    @Override
    public String kind() {
        return protocol + (outbound ? "-out" : "-in");
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "attempt", attempt);
        Fields.put(f, "bytes", bytes);
        Fields.put(f, "apdu", apdu);
        Fields.put(f, "payload", payload);
        Fields.put(f, "lrc", lrc);
        return f;
    }

    public boolean isZvt() {
        return "zvt".equals(protocol);
    }

    /** "Registration" from "Apdu[Registration: 06 00 ...]"; "?" when no APDU was recorded. */
    public String command() {
        if (apdu == null) {
            return "?";
        }
        int open = apdu.indexOf('[');
        int colon = apdu.indexOf(':');
        return open >= 0 && colon > open ? apdu.substring(open + 1, colon) : apdu;
    }

    /** A ZVT positive acknowledgement (80 00 00). */
    public boolean ack() {
        return "Positive ack".equals(command());
    }

    /** The recorded hex, "" when none. */
    public String hex() {
        return bytes == null ? "" : bytes;
    }

    static SerialFrame read(Fields f, String protocol, boolean outbound) {
        return new SerialFrame(protocol, outbound, f.text("bytes"), f.text("apdu"), f.text("payload"), f.text("lrc"),
                f.integer("attempt"));
    }
}
