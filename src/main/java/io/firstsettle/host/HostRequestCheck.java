package io.firstsettle.host;

import java.util.List;
import java.util.Map;

import org.jpos.iso.ISOMsg;

/**
 * Is a request the host could unpack fit to be handled? A malformed one (an MTI that is not a request, a missing field
 * the host needs) is answered with a valid reply MTI and DE39 30 "format error" ([ISO 8583:1987] §4.1: MTI =
 * version, class, function, origin; requests carry an even function digit 0/2/4, replies the next odd one), never
 * with a made-up MTI or silence.
 */
final class HostRequestCheck {
    /** Fields the host needs per request MTI (first three digits): the STAN and TID always, more for money. */
    private static final Map<String, List<Integer>> REQUIRED = Map.of(
            "010", List.of(3, 4, 11, 41),
            "020", List.of(3, 4, 11, 41),
            "022", List.of(3, 4, 11, 41),
            "040", List.of(11, 41, 90),
            "050", List.of(11, 41),
            "080", List.of(11, 41));

    private HostRequestCheck() {
    }

    /** What is wrong with the request, or null when it can be handled. */
    static String problem(ISOMsg in) {
        String mti;
        try {
            mti = in.getMTI();
        } catch (Exception e) {
            return "no MTI";
        }
        if (mti == null || !fourDigits(mti)) {
            return "MTI '" + mti + "' is not 4 digits";
        }
        if (mti.charAt(0) != '0') {
            return "MTI " + mti + " is not ISO 8583:1987 (version digit 0)";
        }
        int function = mti.charAt(2) - '0';
        if (function % 2 != 0 || function > 4) {
            return "MTI " + mti + " is not a request (function digit " + function + "; requests use 0, 2 or 4)";
        }
        List<Integer> need = REQUIRED.get(mti.substring(0, 3));
        if (need != null) {
            for (int f : need) {
                if (!in.hasField(f)) {
                    return "MTI " + mti + " without DE" + f;
                }
            }
        }
        return null;
    }

    private static boolean fourDigits(String mti) {
        if (mti.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (mti.charAt(i) < '0' || mti.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A valid reply MTI for whatever came: the request's class with the next odd function digit; a reply
     * MTI sent as a request is answered with itself; digits that are not digits fall back to the network class 08.
     */
    static String replyMti(String mti) {
        if (mti == null || mti.length() != 4) {
            return "0810";
        }
        char cls = Character.isDigit(mti.charAt(1)) ? mti.charAt(1) : '8';
        int function = Character.isDigit(mti.charAt(2)) ? mti.charAt(2) - '0' : 0;
        int reply = function % 2 == 0 ? Math.min(function + 1, 9) : function;
        // a repeat (origin 1) is answered like the original
        return new String(new char[] {'0', cls, (char) ('0' + reply), '0'});
    }
}
