package io.firstsettle.ecr.zvt.codec;

import java.util.Optional;

/**
 * Bitmaps (BMPs) of ZVT data blocks with their length form and encoding ([ZVT-SPEC] ch.13 p.190-193, §3.1.1). The enum
 * order is the order an emulated PT uses in Status-Information, because old ECRs may rely on it (§3.1.1 p.117).
 */
public enum BmpTag {
    RESULT_CODE(0x27, Form.FIXED, 1, Encoding.BINARY, "result code"),
    AMOUNT(0x04, Form.FIXED, 6, Encoding.BCD, "amount (minor units)"),
    CURRENCY(0x49, Form.FIXED, 2, Encoding.BCD, "currency code"),
    TIME(0x0C, Form.FIXED, 3, Encoding.BCD, "time HHMMSS"),
    DATE_MMDD(0x0D, Form.FIXED, 2, Encoding.BCD, "date MMDD"),
    PAN(0x22, Form.LLVAR, 0, Encoding.BCD, "PAN / EF_ID"),
    RECEIPT_NO(0x87, Form.FIXED, 2, Encoding.BCD, "receipt number"),
    AID(0x3B, Form.FIXED, 8, Encoding.ASCII, "AID authorisation attribute"),
    TRACE(0x0B, Form.FIXED, 3, Encoding.BCD, "trace number"),
    PAYMENT_TYPE(0x19, Form.FIXED, 1, Encoding.BINARY, "status byte / payment type"),
    TERMINAL_ID(0x29, Form.FIXED, 4, Encoding.BCD, "terminal ID"),
    EXPIRY(0x0E, Form.FIXED, 2, Encoding.BCD, "expiry date YYMM"),
    CARD_TYPE(0x8A, Form.FIXED, 1, Encoding.BINARY, "ZVT card type"),
    NETWORK_CARD_TYPE(0x8C, Form.FIXED, 1, Encoding.BINARY, "network-operator card type"),
    CARD_NAME(0x8B, Form.LLVAR, 0, Encoding.ASCII, "card name"),
    VU_NUMBER(0x2A, Form.FIXED, 15, Encoding.ASCII, "VU number (contract number)"),
    ADDITIONAL_TEXT(0x3C, Form.LLLVAR, 0, Encoding.ASCII, "additional data / text"),
    TOTALS(0x60, Form.LLLVAR, 0, Encoding.BINARY, "individual totals"),
    TIMEOUT(0x01, Form.FIXED, 1, Encoding.BINARY, "timeout (s)"),
    MAX_STATUS_INFOS(0x02, Form.FIXED, 1, Encoding.BINARY, "max number of status infos"),
    SERVICE_BYTE(0x03, Form.FIXED, 1, Encoding.BINARY, "service byte"),
    PUMP_NO(0x05, Form.FIXED, 1, Encoding.BINARY, "pump number"),
    TLV(0x06, Form.TLV, 0, Encoding.BINARY, "TLV container"),
    CARD_SEQUENCE_NO(0x17, Form.FIXED, 2, Encoding.BCD, "card sequence number"),
    TRACK2(0x23, Form.LLVAR, 0, Encoding.BCD, "track 2"),
    TRACK3(0x24, Form.LLLVAR, 0, Encoding.BCD, "track 3"),
    TRACK1(0x2D, Form.LLVAR, 0, Encoding.ASCII, "track 1"),
    ORIGINAL_TRACE(0x37, Form.FIXED, 3, Encoding.BCD, "original trace (reversal)"),
    CVV(0x3A, Form.FIXED, 2, Encoding.BCD, "CVV/CVC"),
    PASSWORD(0x3D, Form.FIXED, 3, Encoding.BCD, "password"),
    TURNOVER_RECORD_NO(0x88, Form.FIXED, 3, Encoding.BCD, "turnover record number"),
    GELDKARTE_RECORD(0x9A, Form.LLLVAR, 0, Encoding.BINARY, "Geldkarte record"),
    RESULT_CODE_AS(0xA0, Form.FIXED, 1, Encoding.BINARY, "result code AS"),
    EF_ID(0xA7, Form.LLVAR, 0, Encoding.BINARY, "EF_ID"),
    DATE_YYMMDD(0xAA, Form.FIXED, 3, Encoding.BCD, "date YYMMDD"),
    AID_PARAMETER(0xBA, Form.FIXED, 5, Encoding.BINARY, "AID parameter"),
    CARD_OUTPUT_DIRECTION(0xD2, Form.FIXED, 1, Encoding.BINARY, "card output direction"),
    /** Display duration; F0-FD lengths other than the text lines are [UNVERIFIED] against ch.13. */
    DISPLAY_DURATION(0xF0, Form.FIXED, 1, Encoding.BINARY, "display duration"),
    TEXT_LINE_1(0xF1, Form.LLVAR, 0, Encoding.ASCII, "display text line 1"),
    TEXT_LINE_2(0xF2, Form.LLVAR, 0, Encoding.ASCII, "display text line 2"),
    TEXT_LINE_3(0xF3, Form.LLVAR, 0, Encoding.ASCII, "display text line 3"),
    TEXT_LINE_4(0xF4, Form.LLVAR, 0, Encoding.ASCII, "display text line 4"),
    TEXT_LINE_5(0xF5, Form.LLVAR, 0, Encoding.ASCII, "display text line 5"),
    TEXT_LINE_6(0xF6, Form.LLVAR, 0, Encoding.ASCII, "display text line 6"),
    TEXT_LINE_7(0xF7, Form.LLVAR, 0, Encoding.ASCII, "display text line 7"),
    TEXT_LINE_8(0xF8, Form.LLVAR, 0, Encoding.ASCII, "display text line 8"),
    BEEP_TONES(0xF9, Form.FIXED, 1, Encoding.BINARY, "beep tones"),
    CARD_READER_ACTIVATION(0xFA, Form.FIXED, 1, Encoding.BINARY, "card reader activation");

    /** How the value's length is known. */
    public enum Form {
        /** Fixed number of bytes, no prefix. */
        FIXED,
        /** {@code Fx Fy}: 2 bytes whose low nibbles give the decimal length ([ZVT-TP] §5.2.8). */
        LLVAR,
        /** {@code Fx Fy Fz}: 3-digit decimal length. */
        LLLVAR,
        /** BER length: 00..7F, 81 xx, 82 hi lo ([ZVT-SPEC] §9.3.2). */
        TLV
    }

    /** How the value bytes are read. */
    public enum Encoding { BINARY, BCD, ASCII }

    private final int tag;
    private final Form form;
    private final int fixedLength;
    private final Encoding encoding;
    private final String meaning;

    BmpTag(int tag, Form form, int fixedLength, Encoding encoding, String meaning) {
        this.tag = tag;
        this.form = form;
        this.fixedLength = fixedLength;
        this.encoding = encoding;
        this.meaning = meaning;
    }

    public int tag() {
        return tag;
    }

    public Form form() {
        return form;
    }

    /** Bytes of a {@link Form#FIXED} value; 0 for the variable forms. */
    public int fixedLength() {
        return fixedLength;
    }

    public Encoding encoding() {
        return encoding;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<BmpTag> of(int tag) {
        for (BmpTag t : values()) {
            if (t.tag == tag) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The tag for a BMP number that this enum must know (internal use with constants). */
    public static BmpTag require(int tag) {
        return of(tag).orElseThrow(() -> new IllegalArgumentException(String.format("BMP %02X is not in BmpTag", tag)));
    }
}
