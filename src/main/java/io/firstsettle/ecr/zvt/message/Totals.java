package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Bcd;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import io.firstsettle.core.Hex;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * End-of-day individual totals, BMP 60 (LLLVAR, [ZVT-SPEC] §3.1.3 p.121).
 *
 * <pre>
 *  | receipt-no from 2B BCD | receipt-no to 2B BCD | per family, in CardFamily order: count 1B binary | total 6B BCD |
 * </pre>
 *
 * Families are written in {@link CardFamily} order; the list must not skip one (a shorter list just stops early).
 */
public record Totals(int receiptFrom, int receiptTo, List<CardTotal> cards) {
    private static final int PER_CARD = 7;

    public Totals {
        cards = List.copyOf(cards);
        for (int i = 0; i < cards.size(); i++) {
            if (cards.get(i).family() != CardFamily.values()[i]) {
                throw new IllegalArgumentException("card totals must follow the wire order " + List.of(CardFamily.values())
                        + "; position " + i + " holds " + cards.get(i).family());
            }
        }
    }

    public BmpField toBmp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Bcd.encode(receiptFrom, 2));
        out.writeBytes(Bcd.encode(receiptTo, 2));
        for (CardTotal c : cards) {
            out.write(c.count());
            out.writeBytes(Bcd.encode(c.totalMinor(), 6));
        }
        return new BmpField(0x60, out.toByteArray());
    }

    /** Offsets in errors are relative to the BMP 60 value. */
    public static Totals fromBmp(BmpField f) {
        if (f.tag() != 0x60) {
            throw new IllegalArgumentException("expected BMP 60, got " + f);
        }
        byte[] v = f.value();
        if (v.length < 4 || (v.length - 4) % PER_CARD != 0 || (v.length - 4) / PER_CARD > CardFamily.values().length) {
            throw new ZvtFormatException(0, "BMP 60 totals: expected 4 bytes of receipt numbers then 7 bytes per card"
                    + " family (at most 7), found " + v.length + " bytes: " + Hex.format(v));
        }
        List<CardTotal> cards = new ArrayList<>();
        for (int i = 4, k = 0; i < v.length; i += PER_CARD, k++) {
            cards.add(new CardTotal(CardFamily.values()[k], v[i] & 0xFF, Bcd.decode(v, i + 1, 6)));
        }
        return new Totals((int) Bcd.decode(v, 0, 2), (int) Bcd.decode(v, 2, 2), cards);
    }
}
