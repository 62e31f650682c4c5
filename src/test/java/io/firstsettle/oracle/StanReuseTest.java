package io.firstsettle.oracle;

import io.firstsettle.host.HostJournal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A STAN given to two different 0200s is seen in the host journal alone; a retransmission of one request is not. */
class StanReuseTest {
    static HostJournal.Entry sale(String at, String stan, String time) {
        return new HostJournal.Entry(Instant.parse(at), "in", "0200", "29110101", stan, null, 1234L, null,
                "476173******0010", Map.of("11", stan, "12", time, "4", "000000001234", "41", "29110101"));
    }

    @Test
    void twoDifferentSalesUnderOneStanAreAReuse() {
        List<HostJournal.Entry> j = List.of(sale("2026-11-30T10:00:00Z", "000002", "100000"),
                sale("2026-11-30T10:05:00Z", "000003", "100500"), sale("2026-11-30T10:09:00Z", "000002", "100900"));
        assertEquals("0200 at 2026-11-30T10:00:00Z", StanReuse.among(j));
    }

    @Test
    void theSameRequestSentAgainIsARetransmissionNotAReuse() {
        assertNull(StanReuse.among(List.of(sale("2026-11-30T10:00:00Z", "000002", "100000"),
                sale("2026-11-30T10:00:30Z", "000002", "100000"))));
        assertNull(StanReuse.among(List.of(sale("2026-11-30T10:00:00Z", "000002", "100000"),
                sale("2026-11-30T10:05:00Z", "000003", "100500"))));
    }

    @Test
    void aRetransmissionStampedWithANewTransmissionTimeIsStillOnePayment() {
        HostJournal.Entry first = sale("2026-11-30T10:00:00Z", "000002", "100000");
        Map<String, String> restamped = new java.util.HashMap<>(first.fields());
        restamped.put("7", "1130100030");
        Map<String, String> stamped = new java.util.HashMap<>(first.fields());
        stamped.put("7", "1130100000");
        HostJournal.Entry a = new HostJournal.Entry(first.at(), "in", "0200", "29110101", "000002", null, 1234L, null,
                "476173******0010", stamped);
        HostJournal.Entry b = new HostJournal.Entry(Instant.parse("2026-11-30T10:00:30Z"), "in", "0200", "29110101",
                "000002", null, 1234L, null, "476173******0010", restamped);
        assertNull(StanReuse.among(List.of(a, b)), "DE7 stamps the transmission, not the payment");
        Map<String, String> otherAmount = new java.util.HashMap<>(restamped);
        otherAmount.put("4", "000000004321");
        HostJournal.Entry c = new HostJournal.Entry(Instant.parse("2026-11-30T10:01:00Z"), "in", "0200", "29110101",
                "000002", null, 4321L, null, "476173******0010", otherAmount);
        assertEquals("0200 at 2026-11-30T10:00:00Z", StanReuse.among(List.of(a, c)));
    }
}
