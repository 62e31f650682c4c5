package io.firstsettle.host;

import java.time.Instant;
import java.time.ZonedDateTime;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;

import io.firstsettle.core.CardData;
import io.firstsettle.core.IsoFrameFormat;
import io.firstsettle.core.LabClock;

/**
 * The host's ISO 8583:1987 dialect (fixtures/iso8583/README.md): which MTI is which {@link HostRequest}, which fields
 * a reply echoes, how a {@link HostAnswer} is written back (DE37/38/39/60/62/66, DE12/13 from the lab clock), and the
 * reply's channel header (5-byte TPDU or 11-byte China UnionPay header, {@link IsoFrameFormat}). The acquirer behind it
 * never sees an {@link ISOMsg}.
 *
 * <pre>
 *   0800 -> SignOn        0810: 11 41 42 70 + 39 60 [62]
 *   0100/0200/0220(1) -> Financial   0110/0210/0230: 3 4 11 41 42 49 [38 of an advice] + 37 [38] 39
 *   0400(1) -> Reversal   0410: 3 4 11 41 42 49 90 + [37] 39
 *   0500(1) -> Reconcile  0510: 11 41 42 60 + 39 [66]
 *   0320(1) -> BatchUpload 0330: 3 4 11 37 41 42 60 90 + 39
 *   other request -> Unsupported (12); a missing field -> Incomplete (30)
 * </pre>
 */
final class IsoDialect {
    /** A dummy working key (test only, never a real key). */
    private static final byte[] WORKING_KEY = ISOUtil.hex2byte("0123456789ABCDEFFEDCBA9876543210");

    private final ResponseCodes codes;
    private final LabClock clock;
    private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, "", "");

    IsoDialect(ResponseCodes codes, LabClock clock) {
        this.codes = codes;
        this.clock = clock;
    }

    /** The typed request of a message that passed {@link HostRequestCheck}. */
    HostRequest read(ISOMsg in) throws ISOException {
        String mti = in.getMTI();
        String tid = in.getString(41);
        String mid = in.getString(42);
        switch (mti) {
            case "0800" -> {
                return tid == null || mid == null ? new HostRequest.Incomplete(tid, mti)
                        : new HostRequest.SignOn(tid, mid, in.hasField(70) ? in.getString(70) : "001");
            }
            case "0100", "0200", "0220", "0221" -> {
                String stan = in.getString(11);
                if (tid == null || mid == null || stan == null || !in.hasField(4)
                        || !in.hasField(2) && !in.hasField(35)) {
                    return new HostRequest.Incomplete(tid, mti);
                }
                HostRequest.Kind kind = mti.equals("0100") ? HostRequest.Kind.AUTHORIZATION
                        : mti.equals("0200") ? HostRequest.Kind.SALE : HostRequest.Kind.ADVICE;
                return new HostRequest.Financial(kind, tid, mid, stan, Long.parseLong(in.getString(4)),
                        in.hasField(49) ? in.getString(49) : "978", CardData.mask(pan(in)), in.getString(38));
            }
            case "0400", "0401" -> {
                String stan = originalStan(in);
                return tid == null || stan == null ? new HostRequest.Incomplete(tid, mti)
                        : new HostRequest.Reversal(tid, stan);
            }
            case "0500", "0501" -> {
                return tid == null || mid == null || !in.hasField(60) ? new HostRequest.Incomplete(tid, mti)
                        : new HostRequest.Reconcile(tid, mid, in.getString(60), num(in, 74), num(in, 86),
                        num(in, 76), num(in, 88));
            }
            case "0320", "0321" -> {
                String stan = originalStan(in);
                return tid == null || stan == null || !in.hasField(4) || !in.hasField(60)
                        ? new HostRequest.Incomplete(tid, mti)
                        : new HostRequest.BatchUpload(tid, stan, in.getString(60), num(in, 4), in.getString(37));
            }
            default -> {
                return new HostRequest.Unsupported(tid, mti);
            }
        }
    }

    /** The reply to {@code in}: the request's fields its MTI echoes, then the answer's. */
    ISOMsg answer(ISOMsg in, HostAnswer a) throws ISOException {
        ISOMsg out = reply(in);
        copy(in, out, echoed(in.getMTI()));
        if (a.rrn() != null) {
            out.set(37, a.rrn());
        }
        if (a.authCode() != null) {
            out.set(38, a.authCode());
        }
        out.set(39, a.code() != null ? a.code() : codes.de39(a.outcome()));
        if (a.batch() != null) {
            out.set(60, digits(a.batch(), 6));
        }
        if (a.workingKey()) {
            out.set(62, WORKING_KEY.clone());
        }
        if (a.settlementCode() != null) {
            out.set(66, a.settlementCode());
        }
        return out;
    }

    /** A request {@link HostRequestCheck} refused, or one the host failed on ({@code outcome}): STAN, TID, MID echoed. */
    ISOMsg answerUnread(ISOMsg in, Outcome outcome) throws ISOException {
        ISOMsg out = reply(in);
        copy(in, out, 11, 41, 42);
        out.set(39, codes.de39(outcome));
        return out;
    }

    /** A request refused by a host-maintenance fault with its response code, whatever it asked. */
    ISOMsg answerRefused(ISOMsg in, String responseCode) throws ISOException {
        ISOMsg out = reply(in);
        copy(in, out, 11, 41, 42, 70);
        out.set(39, responseCode);
        return out;
    }

    private static int[] echoed(String mti) {
        return switch (mti) {
            case "0800" -> new int[] {11, 41, 42, 70};
            case "0100", "0200" -> new int[] {3, 4, 11, 41, 42, 49};
            case "0220", "0221" -> new int[] {3, 4, 11, 41, 42, 49, 38};
            case "0400", "0401" -> new int[] {3, 4, 11, 41, 42, 49, 90};
            case "0500", "0501" -> new int[] {11, 41, 42, 60};
            case "0320", "0321" -> new int[] {3, 4, 11, 37, 41, 42, 60, 90};
            default -> new int[] {11, 41, 42};
        };
    }

    private ISOMsg reply(ISOMsg in) throws ISOException {
        ISOMsg out = new ISOMsg();
        out.setMTI(HostRequestCheck.replyMti(in.getMTI()));
        byte[] header = in.getHeader();
        if (header != null) {
            out.setHeader(replyHeader(header));
        }
        Stamp now = stamp();
        out.set(12, now.de12());
        out.set(13, now.de13());
        return out;
    }

    /** DE12 (HHmmss) and DE13 (MMdd) of one second of the lab clock in its zone. */
    private record Stamp(long epochSecond, String de12, String de13) {
    }

    /** Every reply asks for the time; the fields change once a second, so they are formatted once a second. */
    private Stamp stamp() {
        Instant now = clock.now();
        Stamp s = stamp;
        if (s.epochSecond() != now.getEpochSecond()) {
            ZonedDateTime z = now.atZone(clock.zone());
            s = new Stamp(now.getEpochSecond(), digits(z.getHour(), 2) + digits(z.getMinute(), 2)
                    + digits(z.getSecond(), 2), digits(z.getMonthValue(), 2) + digits(z.getDayOfMonth(), 2));
            stamp = s;
        }
        return s;
    }

    /**
     * The reply's channel header. 5 bytes: returned as received, NACChannel swaps destination and source itself.
     * 11 bytes (China UnionPay style: TPDU 5 + application header 6): NACChannel swaps only 5-byte headers, so the host
     * swaps the TPDU's destination and source here and echoes the 6-byte application header unchanged.
     */
    static byte[] replyHeader(byte[] in) {
        byte[] h = in.clone();
        if (h.length == IsoFrameFormat.CUP_HEADER_BYTES) {
            h[1] = in[3];
            h[2] = in[4];
            h[3] = in[1];
            h[4] = in[2];
        }
        return h;
    }

    /** The STAN of the transaction a 0400/0320 refers to: DE90's original STAN, else DE11. */
    static String originalStan(ISOMsg in) {
        String de90 = in.getString(90);
        if (de90 != null && de90.length() >= 10 && !de90.substring(4, 10).equals("000000")) {
            return de90.substring(4, 10);
        }
        return in.getString(11);
    }

    /** The PAN from DE2, else from track 2 (DE35, separator D or =); null when neither is there. */
    static String pan(ISOMsg in) {
        if (in.hasField(2)) {
            return in.getString(2);
        }
        String t2 = in.getString(35);
        if (t2 == null) {
            return null;
        }
        int sep = t2.indexOf('D') >= 0 ? t2.indexOf('D') : t2.indexOf('=');
        return sep > 0 ? t2.substring(0, sep) : t2;
    }

    /** {@code n} (not negative) left-padded with zeros to {@code width} digits, as {@code %0<width>d} does. */
    static String digits(long n, int width) {
        String s = Long.toString(n);
        if (n < 0) {
            return String.format("%0" + width + "d", n);
        }
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

        /** A numeric field: 0 when absent or blank, -1 when not a number. */
    static long num(ISOMsg m, int field) {
        String v = m.getString(field);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void copy(ISOMsg in, ISOMsg out, int... fields) throws ISOException {
        for (int f : fields) {
            if (in.hasField(f)) {
                Object v = in.getValue(f);
                if (v instanceof byte[] b) {
                    out.set(f, b.clone());
                } else {
                    out.set(f, String.valueOf(v));
                }
            }
        }
    }
}
