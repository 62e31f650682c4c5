package io.firstsettle.fault;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A named moment of the register-terminal exchange on the serial line where a {@link SerialFault} starts, in words
 * every ECR protocol shares. The wire names are those of the fault files. Each {@link SerialFraming} recognises the
 * moments in its own frames: ZVT from the APDU header (CLASS INSTR) of the frames that pass ([ZVT-SPEC] §2.2, §2.16,
 * §3.1, §3.5; the header in the constants below), Concert E+ from the handshake and the direction of its frames
 * (protocols.md §B; {@link ConcertFaultEngine}). A moment a protocol lacks is refused ({@link SerialFraming#missing}).
 */
public enum SerialPoint {
    APPLIED("applied", "from the moment the fault is put in force, any frame", -1, -1, false),
    SALE_COMMAND("sale-command", "the register's sale command (ZVT Authorization 06 01; Concert: its debit request "
            + "frame)", 0x06, 0x01, true),
    STATUS_INFORMATION("status-information", "the terminal's result (ZVT Status-Information 04 0F; Concert: its answer"
            + " frame)", 0x04, 0x0F, false),
    AFTER_STATUS_INFORMATION("after-status-information", "right after the terminal's result has passed, before the "
            + "register's acknowledgement (ZVT: ACK and 80 00 00)", 0x04, 0x0F, false),
    PRINT_LINES("print-lines", "the terminal's receipt lines to the register (ZVT 06 D1 / 06 D3; Concert: none)", 0x06,
            0xD1, false),
    END_OF_DAY("end-of-day", "the register's end-of-day command (ZVT End-of-Day 06 50; Concert: none)", 0x06, 0x50,
            true),
    RESULT_HANDOVER("result-handover", "the terminal asks the register for the line to hand over its result, and the "
            + "register's acknowledgements of that (Concert: the terminal's ENQ after the request; ZVT: none)", -1, -1,
            false);

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

    /** True when the register sends the point's frame (the sale command, the end-of-day command). */
    boolean fromRegister() {
        return fromRegister;
    }

    /** ZVT: true when a frame with this APDU header, going this way, is the frame the point names. */
    boolean names(int c, int i, boolean toTerminal) {
        if (this == APPLIED) {
            return true;
        }
        if (cls < 0) {
            return false;
        }
        boolean instrMatches = i == instr || this == PRINT_LINES && i == 0xD3;
        return c == cls && instrMatches && toTerminal == fromRegister;
    }
}
