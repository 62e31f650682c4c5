package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.ZvtCode;
import java.util.Optional;

/** Terminal status codes in the Completion of a Status-Enquiry, with the recovery ([ZVT-SPEC] ch.11). */
public enum TerminalStatusCode implements ZvtCode {
    READY(0x00, "ready", "就绪"),
    INITIALISATION_REQUIRED(0x51, "initialisation required: send 06 93", "需要初始化：发送 06 93"),
    DATE_TIME_WRONG(0x62, "date/time wrong: send 06 91 or Diagnosis", "日期/时间错误：发送 06 91 或诊断"),
    PLEASE_WAIT(0x9C, "please wait", "请稍候"),
    DIAGNOSIS_REQUIRED(0xC2, "diagnosis required: send 06 70", "需要诊断：发送 06 70"),
    OUT_OF_ORDER(0xDF, "out of order", "终端故障"),
    ACTIVATION_REQUIRED(0xE4, "terminal activation required", "需要激活终端"),
    RECONCILIATION_REQUIRED(0xF0, "reconciliation required: run End-of-Day", "需要对账：执行日结");

    private final int code;
    private final String english;
    private final String chinese;

    TerminalStatusCode(int code, String english, String chinese) {
        this.code = code;
        this.english = english;
        this.chinese = chinese;
    }

    @Override
    public int code() {
        return code;
    }

    @Override
    public String english() {
        return english;
    }

    @Override
    public String chinese() {
        return chinese;
    }

    public static Optional<TerminalStatusCode> of(int code) {
        return ZvtCode.lookup(values(), code);
    }
}
