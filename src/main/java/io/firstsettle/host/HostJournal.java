package io.firstsettle.host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Append-only, thread-safe record of every ISO 8583 message the host received ("in") and sent ("out"). Card data is
 * masked before an entry is made. The oracle reads it through the query helpers. Unbounded by default (one scenario's
 * host). A fleet's shared host drops a terminal's messages once the terminal is judged ({@link #retire}), so the
 * journal holds only the running terminals' messages, and keeps at most {@code capacity} messages as a safety bound:
 * a message leaves that window only when something other than retired terminals filled it ({@link #dropped()}).
 */
public final class HostJournal {

    /**
     * One message.
     *
     * @param at           lab time
     * @param direction    "in" (from the terminal) or "out" (to the terminal)
     * @param fields       every field set, by DE number, PAN and track data masked
     */
    public record Entry(Instant at, String direction, String mti, String tid, String stan, String rrn, Long amountMinor,
                        String responseCode, String maskedPan, Map<String, String> fields) {
        public Entry {
            fields = fields instanceof JournalFields ? fields : Map.copyOf(fields); // JournalFields: immutable
        }

        public boolean isOut() {
            return "out".equals(direction);
        }
    }

    private final java.util.ArrayDeque<Entry> entries = new java.util.ArrayDeque<>();
    private final int capacity;
    private long dropped;
    private long retired;

    public HostJournal() {
        this(Integer.MAX_VALUE);
    }

    /** @param capacity the most recent messages kept; older ones are dropped (and counted) */
    public HostJournal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a host journal keeps at least one message (got " + capacity + ")");
        }
        this.capacity = capacity;
    }

    synchronized void append(Entry e) {
        if (entries.size() >= capacity) {
            entries.removeFirst();
            dropped++;
        }
        entries.add(e);
    }

    /**
     * Drops every message of a terminal that is done for good (a fleet's terminal after the oracle judged it): the
     * views of the terminals still running are untouched. Messages without a TID stay (the capacity bounds them).
     *
     * @return the messages dropped
     */
    public synchronized int retire(String tid) {
        int before = entries.size();
        entries.removeIf(e -> java.util.Objects.equals(tid, e.tid()));
        int gone = before - entries.size();
        retired += gone;
        return gone;
    }

    /** Messages dropped by {@link #retire} so far. */
    public synchronized long retired() {
        return retired;
    }

    /** Messages held now. */
    public synchronized int size() {
        return entries.size();
    }

    /** Messages dropped from the front of a bounded journal so far. */
    public synchronized long dropped() {
        return dropped;
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<Entry> byMti(String mti) {
        return entries().stream().filter(e -> e.mti().equals(mti)).toList();
    }

    /** The 0210 with DE39 "00" sent for this terminal and STAN, if any. */
    public Optional<Entry> approvedSale(String tid, String stan) {
        return entries().stream()
                .filter(e -> e.isOut() && "0210".equals(e.mti()) && Objects.equals(tid, e.tid())
                        && Objects.equals(stan, e.stan()) && "00".equals(e.responseCode()))
                .findFirst();
    }

    /**
     * The approval of a captured transaction for this terminal and STAN, if any: an 0210 or an 0230 (advice) with DE39
     * "00". An 0110 (authorization only) is not a capture.
     */
    public Optional<Entry> approvedCapture(String tid, String stan) {
        return entries().stream()
                .filter(e -> e.isOut() && ("0210".equals(e.mti()) || "0230".equals(e.mti()))
                        && Objects.equals(tid, e.tid()) && Objects.equals(stan, e.stan())
                        && "00".equals(e.responseCode()))
                .findFirst();
    }

    /** Whether an 0410 "00" was sent for a reversal of this terminal's original STAN. */
    public boolean reversed(String tid, String stan) {
        return entries().stream()
                .anyMatch(e -> e.isOut() && "0410".equals(e.mti()) && Objects.equals(tid, e.tid())
                        && "00".equals(e.responseCode())
                        && Objects.equals(stan, e.fields().getOrDefault("originalStan", e.stan())));
    }

    /** The last 0510 sent to this terminal. */
    public Optional<Entry> settlement(String tid) {
        List<Entry> all = entries();
        for (int i = all.size() - 1; i >= 0; i--) {
            Entry e = all.get(i);
            if (e.isOut() && "0510".equals(e.mti()) && Objects.equals(tid, e.tid())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
