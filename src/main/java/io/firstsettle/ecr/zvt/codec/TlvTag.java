package io.firstsettle.ecr.zvt.codec;

import java.util.Optional;

/**
 * TLV tags of BMP 06 that this harness names or acts on ([ZVT-SPEC] §9.4, as far as protocols.md A.5-A.8 quotes
 * it). Any other tag is kept as tag + hex, never refused.
 */
public enum TlvTag {
    TEXT_LINE(0x07, "text line", "文本行"),
    END_OF_RECEIPT(0x09, "end of receipt (line attribute 1xxx xxxx)", "单据结束（行属性）"),
    ZVT_COMMAND(0x0A, "ZVT command (class, instr)", "ZVT 命令（类、指令）"),
    CHARACTER_SET(0x14, "ISO character set", "ISO 字符集"),
    LANGUAGE(0x15, "language code", "语言代码"),
    DISPLAY_TEXTS(0x24, "display texts", "显示文本"),
    PRINT_TEXTS(0x25, "print texts", "打印文本"),
    PERMITTED_COMMANDS(0x26, "list of permitted ZVT commands", "允许的 ZVT 命令列表"),
    CARD_TYPE_ID(0x41, "card type ID (with BMP 8A = FF)", "卡类型 ID（BMP 8A 为 FF 时）"),
    RECEIPT_TYPE(0x1F07, "receipt type", "单据类型"),
    EXTENDED_ERROR_CODE(0x1F16, "extended error code", "扩展错误码"),
    EXTENDED_ERROR_TEXT(0x1F17, "extended error text", "扩展错误文本"),
    RECEIPT_NUMBER(0x1F1F, "receipt number (synchronisation after communication loss)", "单据号（通讯中断后同步）"),
    TRACE_NUMBER_LONG(0x1F2B, "trace number (more than 6 digits)", "流水号（超过 6 位）");

    private final int tag;
    private final String english;
    private final String chinese;

    TlvTag(int tag, String english, String chinese) {
        this.tag = tag;
        this.english = english;
        this.chinese = chinese;
    }

    public int tag() {
        return tag;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }

    public static Optional<TlvTag> of(int tag) {
        for (TlvTag t : values()) {
            if (t.tag == tag) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
