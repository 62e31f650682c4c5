package io.firstsettle.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jpos.iso.ISOMsg;
import org.junit.jupiter.api.Test;

/**
 * The journal's field map, built once per message on the host's hot path, must behave as the {@link Map#copyOf} map
 * it replaced: immutable, equal to any map with the same pairs, no null, no key twice; and its values masked as before
 * (a PAN first 6 / last 4, track 2 its masked PAN, a PIN block never kept).
 */
class JournalFieldsTest {
    @Test
    void aMessagesFieldsAreMaskedInFieldOrderThenTheExtras() throws Exception {
        ISOMsg m = new ISOMsg("0200");
        m.set(41, "T0000001");
        m.set(2, "4761739001010010");
        m.set(35, "4761739001010010D25122011758928889");
        m.set(4, "000000001000");
        m.set(52, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        m.set(11, "000123");
        Map<String, String> f = IsoJournalWriter.fields(m, Map.of("originalStan", "000122"));
        assertEquals(List.of("2", "4", "11", "35", "41", "52", "originalStan"), List.copyOf(f.keySet()));
        assertEquals("476173******0010", f.get("2"));
        assertEquals("476173******0010=****", f.get("35"));
        assertEquals("[8 bytes, not recorded]", f.get("52"));
        assertEquals("000000001000", f.get("4"));
        assertEquals("000122", f.get("originalStan"));
        assertFalse(f.toString().contains("4761739001010010"), f.toString());
    }

    @Test
    void itIsImmutableAndEqualsTheSamePairsInAnyMap() throws Exception {
        ISOMsg m = new ISOMsg("0800");
        m.set(11, "000001");
        m.set(41, "T0000001");
        Map<String, String> f = IsoJournalWriter.fields(m, Map.of());
        Map<String, String> same = Map.of("11", "000001", "41", "T0000001");
        assertEquals(same, f);
        assertEquals(f, same);
        assertEquals(same.hashCode(), f.hashCode());
        assertNull(f.get("2"));
        assertFalse(f.containsKey("2"));
        assertEquals("x", f.getOrDefault("originalStan", "x"));
        assertThrows(UnsupportedOperationException.class, () -> f.put("39", "00"));
        assertThrows(UnsupportedOperationException.class, () -> f.remove("11"));
        assertThrows(UnsupportedOperationException.class, f::clear);
        assertThrows(UnsupportedOperationException.class, () -> f.entrySet().iterator().next().setValue("0"));
        HostJournal.Entry e = new HostJournal.Entry(Instant.EPOCH, "in", "0800", "T0000001", "000001", null, null,
                null, null, f);
        assertSame(f, e.fields(), "the journal keeps the immutable map as it is");
        assertTrue(new HostJournal.Entry(Instant.EPOCH, "in", "0800", null, null, null, null, null, null,
                new java.util.HashMap<>(same)).fields().equals(f));
    }

    @Test
    void noNullAndNoKeyTwice() {
        assertThrows(NullPointerException.class, () -> new JournalFields(new String[] {"11"}, new String[] {null}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new JournalFields(new String[] {"11", "11"}, new String[] {"a", "b"}, 2));
    }
}
