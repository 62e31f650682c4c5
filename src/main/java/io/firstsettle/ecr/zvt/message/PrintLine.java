package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Print Line {@code 06 D1} from PT to ECR ([ZVT-SPEC] §3.5 p.123-124). The ECR answers 80 00 00, or 84 CC 00 if its
 * printer is not ready. No CR/LF in the text; attribute FF means line feeds (the count follows as text byte).
 *
 * <pre>  | 06 D1 | LEN | attribute | text (CP437 by default) |</pre>
 *
 * The character set is CP437 per spec, but some terminals send ISO-8859-x (Portalum README); pass it per profile.
 */
public record PrintLine(int attribute, String text, Charset charset) implements ZvtMessage {
    public static final Charset CP437 = Charset.forName("IBM437");

    public PrintLine {
        if (attribute < 0 || attribute > 0xFF) {
            throw new IllegalArgumentException("attribute " + attribute + " must be one byte");
        }
    }

    public PrintLine(int attribute, String text) {
        this(attribute, text, CP437);
    }

    @Override
    public Apdu toApdu() {
        byte[] t = text.getBytes(charset);
        byte[] d = new byte[t.length + 1];
        d[0] = (byte) attribute;
        System.arraycopy(t, 0, d, 1, t.length);
        return new Apdu(0x06, 0xD1, d);
    }

    public static PrintLine from(Apdu apdu) {
        return from(apdu, CP437);
    }

    public static PrintLine from(Apdu apdu, Charset charset) {
        Wire.expect(apdu, ZvtCommand.PRINT_LINE);
        Wire.minLength(apdu, 1, "attribute byte");
        byte[] d = apdu.data();
        return new PrintLine(d[0] & 0xFF, new String(Arrays.copyOfRange(d, 1, d.length), charset), charset);
    }
}
