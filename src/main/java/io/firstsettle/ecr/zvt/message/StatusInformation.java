package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.Bcd;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.BmpTag;
import io.firstsettle.ecr.zvt.codec.Pan;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Status-Information {@code 04 0F} from PT to ECR: the transaction result ([ZVT-SPEC] §3.1 p.115).
 *
 * <pre>
 *  | 04 0F | LEN | 27 rc | 04 amount | 49 CC | 0C time | 0D date | 22 F0 F8 PAN.. | 87 receipt | ... | 06 TLV |
 * </pre>
 *
 * BMPs may come in any order; {@link Builder} emits them in the §3.1.1 table order (27, 04, 49, 0C, 0D, 22, 87, 3B,
 * 0B, 19, 29, 0E, 8A, 8C, 8B, 2A, 3C, 60, ...) because old ECRs may rely on it.
 */
public record StatusInformation(List<BmpField> fields) implements ZvtMessage {

    public StatusInformation {
        fields = List.copyOf(fields);
    }

    @Override
    public Apdu toApdu() {
        return new Apdu(0x04, 0x0F, BmpCodec.encode(fields));
    }

    /** Decodes strictly: an unknown BMP is an error naming its offset. */
    public static StatusInformation from(Apdu apdu) {
        return from(apdu, false);
    }

    /**
     * Decodes; with {@code tolerateUnknownBmps} (a terminal known to send extras) an unknown BMP and everything after
     * it is kept as one {@link BmpField#RAW_REST} field instead of failing.
     */
    public static StatusInformation from(Apdu apdu, boolean tolerateUnknownBmps) {
        Wire.expect(apdu, ZvtCommand.STATUS_INFORMATION);
        return new StatusInformation(Wire.bmps(apdu, 0, tolerateUnknownBmps));
    }

    public Optional<BmpField> field(int tag) {
        return Wire.find(fields, tag);
    }

    public Optional<Integer> resultCode() {
        return Wire.byteValue(fields, 0x27);
    }

    public Optional<Long> amountMinor() {
        return Wire.bcd(fields, 0x04);
    }

    public Optional<Integer> trace() {
        return Wire.bcd(fields, 0x0B).map(Long::intValue);
    }

    public Optional<Integer> receiptNo() {
        return Wire.bcd(fields, 0x87).map(Long::intValue);
    }

    /** BMP 22 rendered with E nibbles as '*', F padding dropped, and always masked to first 6 / last 4. */
    public Optional<String> maskedPan() {
        return field(0x22).map(f -> Pan.masked(f.value()));
    }

    public Optional<Integer> terminalId() {
        return Wire.bcd(fields, 0x29).map(Long::intValue);
    }

    public Optional<Integer> currency() {
        return Wire.bcd(fields, 0x49).map(Long::intValue);
    }

    public Optional<String> additionalText() {
        return field(0x3C).map(f -> new String(f.value(), StandardCharsets.ISO_8859_1));
    }

    public Optional<Integer> paymentType() {
        return Wire.byteValue(fields, 0x19);
    }

    public Optional<Integer> cardType() {
        return Wire.byteValue(fields, 0x8A);
    }

    /** BMP 0C HHMMSS. */
    public Optional<LocalTime> time() {
        return field(0x0C).map(f -> {
            String s = Bcd.digits(f.value(), 0, 3);
            return LocalTime.of(Integer.parseInt(s.substring(0, 2)), Integer.parseInt(s.substring(2, 4)),
                    Integer.parseInt(s.substring(4, 6)));
        });
    }

    /** BMP 0D MMDD, or the month and day of BMP AA YYMMDD. */
    public Optional<MonthDay> date() {
        Optional<BmpField> mmdd = field(0x0D);
        if (mmdd.isPresent()) {
            String s = Bcd.digits(mmdd.get().value(), 0, 2);
            return Optional.of(MonthDay.of(Integer.parseInt(s.substring(0, 2)), Integer.parseInt(s.substring(2, 4))));
        }
        return field(0xAA).map(f -> {
            String s = Bcd.digits(f.value(), 0, 3);
            return MonthDay.of(Integer.parseInt(s.substring(2, 4)), Integer.parseInt(s.substring(4, 6)));
        });
    }

    /** BMP AA as "YYMMDD". */
    public Optional<String> dateYymmdd() {
        return field(0xAA).map(f -> Bcd.digits(f.value(), 0, 3));
    }

    /** End-of-day totals in BMP 60. */
    public Optional<Totals> totals() {
        return field(0x60).map(Totals::fromBmp);
    }

    /**
     * BMP 22 as a PT sends it: digits in BCD, '*' (masked digit) as nibble E, odd length padded with F, LLVAR prefix.
     * "559883******8074" -> {@code F0 F8 55 98 83 EE EE EE 80 74}.
     */
    public static byte[] encodeMaskedPan(String maskedPan) {
        byte[] v = Pan.encodeNibbles(maskedPan);
        byte[] p = BmpCodec.varPrefix(v.length, 2, 0x22);
        byte[] out = new byte[p.length + v.length];
        System.arraycopy(p, 0, out, 0, p.length);
        System.arraycopy(v, 0, out, p.length, v.length);
        return out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a Status-Information for the emulated terminal; fields come out in §3.1.1 table order. */
    public static final class Builder {
        private final List<BmpField> fields = new ArrayList<>();

        private Builder() {
        }

        public Builder resultCode(int rc) {
            return put(Wire.byteField(0x27, rc));
        }

        public Builder amountMinor(long amount) {
            return put(Wire.bcdField(0x04, amount));
        }

        public Builder currency(int cc) {
            return put(Wire.bcdField(0x49, cc));
        }

        public Builder time(LocalTime t) {
            return put(Wire.bcdField(0x0C, t.getHour() * 10000L + t.getMinute() * 100L + t.getSecond()));
        }

        public Builder date(MonthDay d) {
            return put(Wire.bcdField(0x0D, d.getMonthValue() * 100L + d.getDayOfMonth()));
        }

        /** PAN, masked by the terminal: digits with '*' for hidden ones (see {@link #encodeMaskedPan}). */
        public Builder maskedPan(String maskedPan) {
            return put(new BmpField(0x22, Pan.encodeNibbles(maskedPan)));
        }

        public Builder receiptNo(int receipt) {
            return put(Wire.bcdField(0x87, receipt));
        }

        public Builder aid(String aid) {
            byte[] v = new byte[8];
            byte[] a = aid.getBytes(StandardCharsets.US_ASCII);
            if (a.length > 8) {
                throw new IllegalArgumentException("AID \"" + aid + "\" is longer than BMP 3B's 8 bytes");
            }
            System.arraycopy(a, 0, v, 0, a.length);
            return put(new BmpField(0x3B, v));
        }

        public Builder trace(int trace) {
            return put(Wire.bcdField(0x0B, trace));
        }

        public Builder paymentType(int type) {
            return put(Wire.byteField(0x19, type));
        }

        public Builder terminalId(int tid) {
            return put(Wire.bcdField(0x29, tid));
        }

        /** Expiry YYMM as a number, e.g. 2405. */
        public Builder expiry(int yymm) {
            return put(Wire.bcdField(0x0E, yymm));
        }

        public Builder cardType(int type) {
            return put(Wire.byteField(0x8A, type));
        }

        public Builder networkCardType(int type) {
            return put(Wire.byteField(0x8C, type));
        }

        /** Card name, sent null-terminated as LLVAR ASCII. */
        public Builder cardName(String name) {
            return put(new BmpField(0x8B, (name + "\0").getBytes(StandardCharsets.US_ASCII)));
        }

        /** VU number, space padded to 15 bytes. */
        public Builder vuNumber(String vu) {
            String padded = String.format("%-15s", vu);
            if (padded.length() != 15) {
                throw new IllegalArgumentException("VU number \"" + vu + "\" is longer than 15 characters (BMP 2A)");
            }
            return put(new BmpField(0x2A, padded.getBytes(StandardCharsets.US_ASCII)));
        }

        public Builder additionalText(String text) {
            return put(new BmpField(0x3C, text.getBytes(StandardCharsets.ISO_8859_1)));
        }

        public Builder totals(Totals totals) {
            return put(totals.toBmp());
        }

        /** Any other BMP (known to {@link BmpTag}); it is placed by table order as well. */
        public Builder field(BmpField f) {
            return put(f);
        }

        private Builder put(BmpField f) {
            BmpTag.require(f.tag());
            fields.removeIf(x -> x.tag() == f.tag());
            fields.add(f);
            return this;
        }

        public StatusInformation build() {
            List<BmpField> sorted = new ArrayList<>(fields);
            sorted.sort(Comparator.comparingInt(f -> BmpTag.require(f.tag()).ordinal()));
            return new StatusInformation(sorted);
        }
    }
}
