package io.firstsettle.terminal;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import io.firstsettle.core.Hex;
import io.firstsettle.ecr.zvt.message.Completion;
import io.firstsettle.ecr.zvt.message.PrintLine;
import io.firstsettle.ecr.zvt.message.PrintTextBlock;
import io.firstsettle.ecr.zvt.message.TextBlockReceipt;
import io.firstsettle.ecr.zvt.message.ZvtCommand;
import io.firstsettle.ecr.zvt.message.ZvtTraceDecoder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recorded wire bytes of a protocol in words, for the evidence reports (trace.txt, receipts.txt), so that the
 * reports render through the terminal layer and never import a protocol package. One entry per protocol's recorded
 * event kinds: ZVT's {@code zvt-out} (serial frames) and {@code zvt-in} (APDUs); Concert's payloads are recorded as
 * text already and need none.
 */
public final class WireText {
    private WireText() {
    }

    /** A recorded ZVT serial frame (hex) decoded line by line. */
    public static List<String> zvtFrame(String hex) {
        return ZvtTraceDecoder.decodeHex(hex).lines();
    }

    /** A recorded ZVT APDU (hex) decoded line by line. */
    public static List<String> zvtApdu(String hex) {
        return ZvtTraceDecoder.decodeApduHex(hex).lines();
    }

    /**
     * The receipt text a recorded ZVT APDU carries: one line for Print Line 06 D1, the text block's lines for
     * 06 D3 ([ZVT-SPEC] §3.6); empty for any other command.
     *
     * @throws IllegalArgumentException naming what is unreadable when the APDU does not decode
     */
    public static Optional<List<String>> zvtReceiptLines(String hex) {
        try {
            Apdu a = Apdu.decode(Hex.parse(hex));
            if (a.command() == ZvtCommand.PRINT_LINE) {
                return Optional.of(List.of(PrintLine.from(a).text()));
            }
            if (a.command() == ZvtCommand.PRINT_TEXT_BLOCK) {
                return Optional.of(TextBlockReceipt.of(PrintTextBlock.from(a), PrintLine.CP437).lines());
            }
            return Optional.empty();
        } catch (ZvtFormatException ex) {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
    }

    /**
     * The identity a recorded ZVT Completion 06 0F (hex APDU) carries: "softwareVersion" and "terminalId" (8 digits)
     * where present; empty for another command or one that does not decode (trace.txt shows it).
     */
    public static Map<String, String> zvtIdentity(String hex) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            Apdu a = Apdu.decode(Hex.parse(hex));
            if (a.command() == ZvtCommand.COMPLETION) {
                Completion c = Completion.from(a);
                c.swVersion().ifPresent(v -> out.put("softwareVersion", v));
                c.terminalId().ifPresent(t -> out.put("terminalId", String.format("%08d", t)));
            }
        } catch (ZvtFormatException | IllegalArgumentException ignored) {
            // a broken completion says nothing about identity
        }
        return out;
    }
}
