package io.firstsettle.emulator;

import io.firstsettle.core.EventSink;
import io.firstsettle.profile.TerminalProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The terminal's receipts: the lines of a payment or an end-of-day, whatever prints them (the register through its
 * protocol, or the terminal on its own paper, kept here for the evidence).
 */
public final class Receipts {
    private final TerminalProfile profile;
    private final EventSink events;
    private final List<String> ownPaper = new ArrayList<>();

    public Receipts(TerminalProfile profile, EventSink events) {
        this.profile = profile;
        this.events = events;
    }

    /** The customer's or merchant's copy of a payment. */
    public List<String> payment(String copy, Payment p) {
        List<String> lines = new ArrayList<>();
        lines.add("FIRSTSETTLE EMULATED PT  " + copy);
        lines.add("TID " + profile.terminalId() + " MID " + profile.merchantId());
        lines.add("SALE " + money(p.amountMinor()) + " " + currencyName());
        lines.add("CARD " + p.card().maskedPan() + " " + p.card().scheme());
        lines.add("TRACE " + p.stan() + " RECEIPT " + String.format("%04d", p.receiptNo()));
        lines.add(p.shownApproved() ? "APPROVED AUTH " + p.authCode()
                : "DECLINED " + p.de39() + " " + DeclineReason.of(p.de39()));
        return lines;
    }

    /** The end-of-day report: accepted, or failed with the batch still open. */
    public List<String> dayEnd(DayEnd d) {
        String head = "END OF DAY  BATCH " + String.format("%06d", d.batchNo());
        String sums = "SALES " + d.count() + "  TOTAL " + money(d.total()) + " " + currencyName();
        return d.closed() ? List.of(head, sums, "SETTLEMENT ACCEPTED")
                : List.of(head, sums, "SETTLEMENT FAILED: " + d.why(), "BATCH STAYS OPEN");
    }

    /** Prints {@code lines} on the terminal's own paper. */
    public synchronized void printOwn(List<String> lines) {
        ownPaper.addAll(lines);
        events.record("terminal", "printed-own-paper", Map.of("lines", String.join(" | ", lines)));
    }

    /** What the terminal printed on its own paper so far. */
    public synchronized List<String> ownPaper() {
        return List.copyOf(ownPaper);
    }

    /** The words a receipt prints next to a host response code. */
    public static String reason(String de39) {
        return DeclineReason.of(de39);
    }

    public String currencyName() {
        return profile.currency() == 978 ? "EUR" : profile.currency() == 156 ? "CNY" : String.valueOf(profile.currency());
    }

    public static String money(long minor) {
        return String.format("%d.%02d", minor / 100, minor % 100);
    }
}
