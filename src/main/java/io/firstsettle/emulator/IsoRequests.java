package io.firstsettle.emulator;

import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Builds the terminal's ISO 8583 requests as fixtures/iso8583/README.md profiles them. */
final class IsoRequests {
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter MMDD = DateTimeFormatter.ofPattern("MMdd");

    private final TerminalProfile profile;

    IsoRequests(TerminalProfile profile) {
        this.profile = profile;
    }

    ISOMsg signOn(String stan) {
        return build("0800", m -> {
            m.set(11, stan);
            ids(m);
            m.set(70, "001");
        });
    }

    ISOMsg sale(CardProfile card, long hostAmountMinor, String stan, ZonedDateTime now, int currency) {
        return build("0200", m -> {
            m.set(2, card.pan());
            m.set(3, "000000");
            m.set(4, String.format("%012d", hostAmountMinor));
            m.set(11, stan);
            m.set(12, now.format(HHMMSS));
            m.set(13, now.format(MMDD));
            m.set(14, card.expiry());
            m.set(22, "051");
            m.set(25, "00");
            ids(m);
            m.set(49, String.format("%03d", currency));
        });
    }

    /**
     * A 0400 without card data (no DE2/DE14/DE35): the host matches it by TID and the original STAN in DE11/DE90.
     */
    ISOMsg reversal(TerminalState.PendingReversal r) {
        return build("0400", m -> {
            m.set(3, "000000");
            m.set(4, String.format("%012d", r.amountMinor()));
            m.set(11, r.stan());
            m.set(22, "051");
            m.set(25, "00");
            m.set(39, r.reason());
            ids(m);
            m.set(49, String.format("%03d", profile.currency()));
            m.set(90, "0200" + r.stan() + "0000000000" + "0".repeat(22));
        });
    }

    ISOMsg reconcile(String stan, int batchNo, int count, long total) {
        return build("0500", m -> {
            m.set(11, stan);
            ids(m);
            m.set(60, String.format("%06d", batchNo));
            m.set(74, "0000000000");
            m.set(76, String.format("%010d", count));
            m.set(86, "0".repeat(16));
            m.set(88, String.format("%016d", total));
        });
    }

    /** 0320 batch upload of one sale of the open batch (after a 0510 with 95). */
    ISOMsg batchUpload(String stan, int batchNo, TerminalState.BatchEntry e) {
        return build("0320", m -> {
            m.set(3, "000000");
            m.set(4, String.format("%012d", e.amountMinor()));
            m.set(11, stan);
            if (e.rrn() != null) {
                m.set(37, e.rrn());
            }
            ids(m);
            m.set(60, String.format("%06d", batchNo));
            m.set(90, "0200" + e.stan() + "0000000000" + "0".repeat(22));
        });
    }

    private void ids(ISOMsg m) throws ISOException {
        m.set(41, profile.terminalId());
        m.set(42, profile.merchantId());
    }

    private interface Filler {
        void fill(ISOMsg m) throws ISOException;
    }

    private static ISOMsg build(String mti, Filler f) {
        ISOMsg m = new ISOMsg();
        try {
            m.setMTI(mti);
            f.fill(m);
        } catch (ISOException e) {
            throw new IllegalStateException("cannot build the " + mti + ": " + e.getMessage(), e);
        }
        return m;
    }
}
