package io.firstsettle.host;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;

import io.firstsettle.core.CardData;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

/**
 * Writes every ISO message the host receives or sends into the {@link HostJournal} and the event stream, card data
 * masked at this point (PAN first 6 / last 4, track 2 reduced to its masked PAN, keys, PIN blocks and MACs never kept).
 */
final class IsoJournalWriter {
    private final HostJournal journal;
    private final LabClock clock;
    private final EventSink events;

    IsoJournalWriter(HostJournal journal, LabClock clock, EventSink events) {
        this.journal = journal;
        this.clock = clock;
        this.events = events;
    }

    void record(String direction, ISOMsg m, Map<String, String> extra) throws ISOException {
        Map<String, String> fields = new LinkedHashMap<>(); // field numbers ascending, then the named extras
        int max = m.getMaxField();
        for (int i = 2; i <= max; i++) {
            if (!m.hasField(i)) {
                continue;
            }
            Object v = m.getValue(i);
            String s;
            if (i == 2) {
                s = CardData.mask(m.getString(2));
            } else if (i == 35) {
                s = CardData.mask(IsoDialect.pan(m)) + "=****";
            } else if (i == 52 || i == 62 || i == 64 || i == 128) {
                s = "[" + (v instanceof byte[] b ? b.length : 0) + " bytes, not recorded]";
            } else if (v instanceof byte[] b) {
                s = ISOUtil.hexString(b);
            } else {
                s = CardData.maskText(String.valueOf(v));
            }
            fields.put(String.valueOf(i), s);
        }
        fields.putAll(new TreeMap<>(extra));
        String pan = IsoDialect.pan(m);
        Long amount = m.hasField(4) ? Long.valueOf(IsoDialect.num(m, 4)) : null;
        HostJournal.Entry e = new HostJournal.Entry(clock.now(), direction, m.getMTI(), m.getString(41),
                m.getString(11), m.getString(37), amount, m.getString(39), pan == null ? null : CardData.mask(pan),
                fields);
        journal.append(e);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("mti", e.mti());
        ev.put("fields", e.fields());
        if (m.getHeader() != null) {
            ev.put("header", ISOUtil.hexString(m.getHeader()));
        }
        events.record("host", "in".equals(direction) ? "iso-in" : "iso-out", ev);
    }
}
