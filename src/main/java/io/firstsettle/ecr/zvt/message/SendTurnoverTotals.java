package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;

/**
 * Send Turnover Totals {@code 06 10} from ECR to PT ([ZVT-SPEC] §2.43 p.85-88): the PT answers 80 00 00, then a
 * 04 0F with the totals since the last End-of-Day, then 06 0F 00 (or 06 1E with a result code). Nothing is booked.
 *
 * <pre>  | 06 10 | 03 | password 3B BCD |     e.g. 06 10 03 00 00 00</pre>
 *
 * Optional BMPs/TLV are not modelled: such an APDU is an error naming its offset.
 */
public record SendTurnoverTotals(String password6) implements ZvtMessage {
    public SendTurnoverTotals {
        Wire.passwordBytes(password6);
    }

    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0x10, Wire.passwordBytes(password6));
    }

    public static SendTurnoverTotals from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.SEND_TURNOVER_TOTALS);
        Wire.exactLength(apdu, 3, "password 3 bytes BCD");
        return new SendTurnoverTotals(Wire.password(apdu, 0));
    }
}
