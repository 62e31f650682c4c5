package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Authorization {@code 06 01} ([ZVT-SPEC] §2.2 p.31), with the BMPs the harness sends, in table order.
 *
 * <pre>
 *  | 06 01 | LEN | 04 amount 6B BCD | [49 CC 2B BCD] | [19 payment type] | [01 timeout s] | [02 max status infos] |
 *                | [2D 0E 22 23 24 05 3A 3C 8A: card data and extras, kept] | [06 TLV] |
 *  e.g.  06 01 0A  04 00 00 00 01 10 00  49 09 78    (110.00 EUR)
 *        06 01 0C  04 00 00 00 00 10 00  49 09 78  06 00     (the same with an empty TLV container, as many
 *                                                              register libraries send with every payment)
 * </pre>
 *
 * @param extras the other BMPs A.6 allows (card data, pump, CVV, additional data, card type, the TLV container 06),
 *               in wire order; a TLV container is kept byte-exact
 */
public record Authorization(long amountMinor, Integer currencyCode, Integer paymentType, Integer timeoutSeconds,
        Integer maxStatusInfos, List<BmpField> extras) implements ZvtMessage {
    /** BMPs besides 04 49 19 01 02 that an Authorization may carry ([ZVT-SPEC] §2.2 p.31, protocols.md A.6). */
    private static final int[] EXTRA_BMPS = {0x2D, 0x0E, 0x22, 0x23, 0x24, 0x05, 0x3A, 0x3C, 0x8A, 0x06};

    public Authorization {
        if (amountMinor < 0 || amountMinor > 999_999_999_999L) {
            throw new IllegalArgumentException("amount " + amountMinor + " must fit 12 BCD digits (BMP 04)");
        }
        extras = extras == null ? List.of() : List.copyOf(extras);
    }

    public Authorization(long amountMinor, Integer currencyCode, Integer paymentType, Integer timeoutSeconds,
                         Integer maxStatusInfos) {
        this(amountMinor, currencyCode, paymentType, timeoutSeconds, maxStatusInfos, List.of());
    }

    public Authorization(long amountMinor, Integer currencyCode) {
        this(amountMinor, currencyCode, null, null, null);
    }

    @Override
    public Apdu toApdu() {
        List<BmpField> f = new ArrayList<>();
        f.add(Wire.bcdField(0x04, amountMinor));
        if (currencyCode != null) {
            f.add(Wire.bcdField(0x49, currencyCode));
        }
        if (paymentType != null) {
            f.add(Wire.byteField(0x19, paymentType));
        }
        if (timeoutSeconds != null) {
            f.add(Wire.byteField(0x01, timeoutSeconds));
        }
        if (maxStatusInfos != null) {
            f.add(Wire.byteField(0x02, maxStatusInfos));
        }
        f.addAll(extras);
        return new Apdu(0x06, 0x01, BmpCodec.encode(f));
    }

    public static Authorization from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.AUTHORIZATION);
        List<BmpField> f = Wire.bmps(apdu, 0);
        List<BmpField> extras = new ArrayList<>();
        for (BmpField b : f) {
            for (int x : EXTRA_BMPS) {
                if (b.tag() == x) {
                    extras.add(b);
                }
            }
        }
        List<BmpField> modelled = new ArrayList<>(f);
        modelled.removeAll(extras);
        Wire.rejectUnexpected(apdu, modelled, "Authorization", 0x04, 0x49, 0x19, 0x01, 0x02);
        long amount = Wire.bcd(f, 0x04).orElseThrow(() -> new ZvtFormatException(apdu.headerLength(),
                "Authorization without BMP 04 (amount): the PT would have to ask for the amount, which an"
                        + " ECR-controlled payment forbids; send BMP 04"));
        return new Authorization(amount, Wire.bcd(f, 0x49).map(Long::intValue).orElse(null),
                Wire.byteValue(f, 0x19).orElse(null), Wire.byteValue(f, 0x01).orElse(null),
                Wire.byteValue(f, 0x02).orElse(null), extras);
    }

    /** The TLV container (BMP 06), if the register sent one. */
    public Optional<BmpField> tlv() {
        return Wire.find(extras, 0x06);
    }
}
