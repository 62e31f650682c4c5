package io.firstsettle.fault;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A named point of a ZVT sequence on the serial line where a {@link SerialFault} starts, recognised from the APDU
 * header (CLASS INSTR) of the frames that pass ([ZVT-SPEC] §2.2, §2.16, §3.1, §3.5).
 */
public enum SerialPoint {
    APPLIED("applied", "from the moment the fault is put in force, any frame", -1, -1, false),
    SALE_COMMAND("sale-command", "the register's Authorization 06 01", 0x06, 0x01, true),
    STATUS_INFORMATION("status-information", "the terminal's Status-Information 04 0F (the result)", 0x04, 0x0F,
            false),
    AFTER_STATUS_INFORMATION("after-status-information", "right after the terminal's 04 0F has passed, before the "
            + "register's ACK and 80 00 00", 0x04, 0x0F, false),
    PRINT_LINES("print-lines", "the terminal's receipt lines 06 D1 / 06 D3", 0x06, 0xD1, false),
    END_OF_DAY("end-of-day", "the register's End-of-Day 06 50", 0x06, 0x50, true);

    private final String wire;
    private final String meaning;
    private final int cls;
    private final int instr;
    private final boolean fromRegister;

    SerialPoint(String wire, String meaning, int cls, int instr, boolean fromRegister) {
        this.wire = wire;
        this.meaning = meaning;
        this.cls = cls;
        this.instr = instr;
        this.fromRegister = fromRegister;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public String meaning() {
        return meaning;
    }

    /** True when a frame with this APDU header, going this way, is the frame the point names. */
    boolean names(int c, int i, boolean toTerminal) {
        if (this == APPLIED) {
            return true;
        }
        boolean instrMatches = i == instr || this == PRINT_LINES && i == 0xD3;
        return c == cls && instrMatches && toTerminal == fromRegister;
    }
}
