package io.firstsettle.ecr;

import java.util.ArrayList;
import java.util.List;

/**
 * Authorization {@code 06 01} ([ZVT-SPEC] §2.2 p.31), with the BMPs the harness sends, in table order.
 *
 * <pre>
 *  | 06 01 | LEN | 04 amount 6B BCD | [49 CC 2B BCD] | [19 payment type] | [01 timeout s] | [02 max status infos] |
 *  e.g.  06 01 0A  04 00 00 00 01 10 00  49 09 78    (110.00 EUR)
 * </pre>
 */
public record Authorization(long amountMinor, Integer currencyCode, Integer paymentType, Integer timeoutSeconds,
        Integer maxStatusInfos) implements ZvtMessage {

    public Authorization {
        if (amountMinor < 0 || amountMinor > 999_999_999_999L) {
            throw new IllegalArgumentException("amount " + amountMinor + " must fit 12 BCD digits (BMP 04)");
        }
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
        return new Apdu(0x06, 0x01, BmpCodec.encode(f));
    }

    public static Authorization from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.AUTHORIZATION);
        List<BmpField> f = Wire.bmps(apdu, 0);
        Wire.rejectUnexpected(apdu, f, "Authorization", 0x04, 0x49, 0x19, 0x01, 0x02);
        long amount = Wire.bcd(f, 0x04).orElseThrow(() -> new ZvtFormatException(apdu.headerLength(),
                "Authorization without BMP 04 (amount); the harness always sends an amount"));
        return new Authorization(amount, Wire.bcd(f, 0x49).map(Long::intValue).orElse(null),
                Wire.byteValue(f, 0x19).orElse(null), Wire.byteValue(f, 0x01).orElse(null),
                Wire.byteValue(f, 0x02).orElse(null));
    }
}
