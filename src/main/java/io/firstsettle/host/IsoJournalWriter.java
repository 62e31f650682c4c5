package io.firstsettle.host;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;

import io.firstsettle.core.CardData;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

/**
 * Writes every ISO message the host receives or sends into the {@link HostJournal} and the event stream, card data
 * masked at this point (PAN first 6 / last 4, track 2 reduced to its masked PAN, keys, PIN blocks and MACs never kept).
 * Every message passes here on the host's hot path, so the field map is built once ({@link JournalFields}) from the
 * message's own sorted field table (no lookups over the whole bitmap, no hash table, no copy); free text is
 * still masked field by field ({@link CardData#maskText} returns at once when a value has no run of digits long enough
 * to hold a PAN).
 */
final class IsoJournalWriter {
    /** "0" .. "192": the field map's keys, made once. */
    private static final String[] KEYS = java.util.stream.IntStream.rangeClosed(0, 192).mapToObj(String::valueOf)
            .toArray(String[]::new);

    private final HostJournal journal;
    private final LabClock clock;
    private final EventSink events;

    IsoJournalWriter(HostJournal journal, LabClock clock, EventSink events) {
        this.journal = journal;
        this.clock = clock;
        this.events = events;
    }

    void record(String direction, ISOMsg m, Map<String, String> extra) throws ISOException {
        String pan = IsoDialect.pan(m);
        Long amount = m.hasField(4) ? Long.valueOf(IsoDialect.num(m, 4)) : null;
        HostJournal.Entry e = new HostJournal.Entry(clock.now(), direction, m.getMTI(), m.getString(41),
                m.getString(11), m.getString(37), amount, m.getString(39), pan == null ? null : CardData.mask(pan),
                fields(m, extra));
        journal.append(e);
        if (events == EventSink.NONE) {
            return; // a fleet's shared host records no event stream: no event is built for nobody
        }
        Map<String, Object> ev = new LinkedHashMap<>(4);
        ev.put("mti", e.mti());
        ev.put("fields", e.fields());
        if (m.getHeader() != null) {
            ev.put("header", ISOUtil.hexString(m.getHeader()));
        }
        events.record("host", "in".equals(direction) ? "iso-in" : "iso-out", ev);
    }

    /** Every field set (DE2 and up), by DE number ascending, masked, then the named extras; immutable. */
    static Map<String, String> fields(ISOMsg m, Map<String, String> extra) throws ISOException {
        Map<?, ?> children = m.getChildren(); // a sorted copy: field number -> component
        int n = children.size() + extra.size();
        String[] keys = new String[n];
        String[] values = new String[n];
        int size = 0;
        for (Map.Entry<?, ?> c : children.entrySet()) {
            int i = (Integer) c.getKey();
            if (i < 2) {
                continue; // MTI and bitmap
            }
            keys[size] = i < KEYS.length ? KEYS[i] : String.valueOf(i);
            values[size++] = value(m, i, ((ISOComponent) c.getValue()).getValue());
        }
        for (Map.Entry<String, String> x : extra.entrySet()) {
            keys[size] = x.getKey();
            values[size++] = x.getValue();
        }
        return new JournalFields(keys, values, size);
    }

    private static String value(ISOMsg m, int i, Object v) {
        if (i == 2) {
            return CardData.mask(m.getString(2));
        } else if (i == 35) {
            return CardData.mask(IsoDialect.pan(m)) + "=****";
        } else if (i == 52 || i == 62 || i == 64 || i == 128) {
            return "[" + (v instanceof byte[] b ? b.length : 0) + " bytes, not recorded]";
        } else if (v instanceof byte[] b) {
            return ISOUtil.hexString(b);
        }
        return CardData.maskText(String.valueOf(v));
    }
}
