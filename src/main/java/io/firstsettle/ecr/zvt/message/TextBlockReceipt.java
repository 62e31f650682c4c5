package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.TlvCodec;
import io.firstsettle.ecr.zvt.codec.TlvObject;
import io.firstsettle.ecr.zvt.codec.TlvTag;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Receipt text carried by Print Text-Block {@code 06 D3} ([ZVT-SPEC] §3.6, protocols.md A.6): the lines a register
 * prints, the same lines a terminal would otherwise send one by one as {@code 06 D1}.
 *
 * <pre>
 *  06 D3 | LEN (or FF lo hi) | 06 BER-len | [1F07 receipt type] [14 character set] [1F37 ..]
 *                                         | 25 BER-len | 07 len "line 1" | 07 len "line 2" ... | 09 01 attr |
 * </pre>
 *
 * Each tag 07 is one line, in order, wherever it is nested (a sender may put several 25 blocks in one container);
 * tag 09 after the last line ends the receipt. Every other tag is left alone.
 *
 * @param lines        the text lines, in order
 * @param endOfReceipt whether tag 09 (end of receipt) was present
 */
public record TextBlockReceipt(List<String> lines, boolean endOfReceipt) {
    /** The attribute the emulated terminal puts in tag 09: bit 8 set, not 80 ([ZVT-SPEC] §3.6). */
    public static final int END_ATTRIBUTE = 0x81;

    public TextBlockReceipt {
        lines = List.copyOf(lines);
    }

    /**
     * Reads the lines of a text block.
     *
     * @throws ZvtFormatException if the container's objects are malformed
     */
    public static TextBlockReceipt of(PrintTextBlock block, Charset charset) {
        List<String> lines = new ArrayList<>();
        boolean[] end = new boolean[1];
        walk(TlvCodec.decodeContainer(block.tlv()), charset, lines, end);
        return new TextBlockReceipt(lines, end[0]);
    }

    private static void walk(List<TlvObject> objects, Charset charset, List<String> lines, boolean[] end) {
        for (TlvObject o : objects) {
            if (o.tag() == TlvTag.TEXT_LINE.tag()) {
                lines.add(new String(o.value(), charset));
            } else if (o.tag() == TlvTag.END_OF_RECEIPT.tag()) {
                end[0] = true;
            } else if (o.constructed()) {
                walk(o.children(), charset, lines, end);
            }
        }
    }

    /** One whole receipt as a Print Text-Block: 25 { 07 line ... 09 attribute }. */
    public static PrintTextBlock encode(List<String> lines, Charset charset) {
        List<TlvObject> inner = new ArrayList<>();
        for (String l : lines) {
            inner.add(new TlvObject(TlvTag.TEXT_LINE.tag(), l.getBytes(charset)));
        }
        inner.add(new TlvObject(TlvTag.END_OF_RECEIPT.tag(), new byte[] {(byte) END_ATTRIBUTE}));
        return new PrintTextBlock(TlvCodec.container(List.of(TlvCodec.constructed(TlvTag.PRINT_TEXTS.tag(), inner))));
    }
}
