package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import java.util.List;

/**
 * Abort {@code 06 B0} from ECR to PT ([ZVT-SPEC] §2.23).
 *
 * <pre>  | 06 B0 | LEN | [D2 card output direction] | [FA card reader activation] |     e.g. 06 B0 00</pre>
 *
 * @param fields BMP D2 / FA when sent, in wire order
 */
public record AbortFromEcr(List<BmpField> fields) implements ZvtMessage {
    public AbortFromEcr {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public AbortFromEcr() {
        this(List.of());
    }

    @Override
    public Apdu toApdu() {
        return new Apdu(0x06, 0xB0, BmpCodec.encode(fields));
    }

    public static AbortFromEcr from(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.ABORT_FROM_ECR);
        List<BmpField> f = Wire.bmps(apdu, 0);
        Wire.rejectUnexpected(apdu, f, "Abort (ECR->PT)", 0xD2, 0xFA);
        return new AbortFromEcr(f);
    }
}
