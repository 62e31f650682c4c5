package io.firstsettle.ecr.zvt.message;

import java.util.Optional;

/** ZVT control fields (CLASS INSTR) this harness knows, with their English names ([ZVT-SPEC] ch.14). */
public enum ZvtCommand {
    REGISTRATION(0x06, 0x00, "Registration"),
    AUTHORIZATION(0x06, 0x01, "Authorization"),
    LOG_OFF(0x06, 0x02, "Log-Off"),
    COMPLETION(0x06, 0x0F, "Completion"),
    SEND_TURNOVER_TOTALS(0x06, 0x10, "Send Turnover Totals"),
    RESET_TERMINAL(0x06, 0x18, "Reset Terminal"),
    ABORT_FROM_PT(0x06, 0x1E, "Abort (PT->ECR)"),
    REPEAT_RECEIPT(0x06, 0x20, "Repeat Receipt"),
    REVERSAL(0x06, 0x30, "Reversal"),
    REFUND(0x06, 0x31, "Refund"),
    END_OF_DAY(0x06, 0x50, "End-of-Day"),
    DIAGNOSIS(0x06, 0x70, "Diagnosis"),
    INITIALISATION(0x06, 0x93, "Initialisation"),
    ABORT_FROM_ECR(0x06, 0xB0, "Abort (ECR->PT)"),
    PRINT_LINE(0x06, 0xD1, "Print Line"),
    PRINT_TEXT_BLOCK(0x06, 0xD3, "Print Text Block"),
    DISPLAY_TEXT(0x06, 0xE0, "Display Text"),
    STATUS_ENQUIRY(0x05, 0x01, "Status Enquiry"),
    STATUS_INFORMATION(0x04, 0x0F, "Status Information"),
    INTERMEDIATE_STATUS(0x04, 0xFF, "Intermediate Status"),
    SET_DATE_TIME(0x04, 0x01, "Set date/time in ECR"),
    POSITIVE_ACK(0x80, 0x00, "Positive ack"),
    /** {@code 84 xx}: any APRC; xx is a result code ({@link ResultCode}). {@code 84 00} also counts as positive. */
    NEGATIVE_ACK(0x84, -1, "Negative ack");

    private final int cls;
    private final int instr;
    private final String englishName;

    ZvtCommand(int cls, int instr, String englishName) {
        this.cls = cls;
        this.instr = instr;
        this.englishName = englishName;
    }

    public int cls() {
        return cls;
    }

    /** INSTR byte, or -1 for {@link #NEGATIVE_ACK}, which matches any. */
    public int instr() {
        return instr;
    }

    public String englishName() {
        return englishName;
    }

    /** The command for this control field; {@code 84 xx} matches {@link #NEGATIVE_ACK} for every xx. */
    public static Optional<ZvtCommand> of(int cls, int instr) {
        for (ZvtCommand c : values()) {
            if (c.cls == cls && (c.instr == instr || c.instr == -1)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** "Authorization", or "unknown command 07 01". */
    public static String nameOf(int cls, int instr) {
        return of(cls, instr).map(ZvtCommand::englishName)
                .orElse(String.format("unknown command %02X %02X", cls, instr));
    }
}
