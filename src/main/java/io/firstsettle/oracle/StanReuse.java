package io.firstsettle.oracle;

import io.firstsettle.host.HostJournal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A STAN (DE11) the terminal gave to two different sale requests, judged from the host journal alone: needed where
 * the terminal's answer names no trace (Concert E+), so the register's sale cannot be matched to one 0200. Two 0200s
 * with the same STAN and different fields are two payments under one trace number, a defect whatever the register
 * saw; a repeat of the same request (same fields but DE7, the transmission's own time stamp) is a legitimate
 * retransmission and is not counted. STANs wrap only
 * after 999999 messages, far beyond one scenario.
 */
final class StanReuse {
    private StanReuse() {
    }

    /**
     * The earlier of the first two of {@code requests} (this terminal's 0200s, in journal order) that share a STAN
     * with different fields, as "0200 at TIME", or null when there is none.
     */
    static String among(List<HostJournal.Entry> requests) {
        for (int j = 1; j < requests.size(); j++) {
            HostJournal.Entry later = requests.get(j);
            for (int i = 0; i < j; i++) {
                HostJournal.Entry earlier = requests.get(i);
                if (Objects.equals(earlier.stan(), later.stan())
                        && !Objects.equals(payment(earlier.fields()), payment(later.fields()))) {
                    return "0200 at " + earlier.at();
                }
            }
        }
        return null;
    }

    /**
     * A request's fields without DE7 (transmission date and time): a terminal that sends the same request again may
     * stamp each transmission anew, and that is still one payment. DE12/DE13 (the transaction's own time) stay.
     */
    private static Map<String, String> payment(Map<String, String> fields) {
        Map<String, String> p = new java.util.TreeMap<>(fields);
        p.remove("7");
        return p;
    }
}
