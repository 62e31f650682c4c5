package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.ZvtCode;
import java.util.Optional;

/**
 * Intermediate status codes of {@code 04 FF} ([ZVT-SPEC] Table 17 p.125-128, selection). 41..5D repeat 01..1D with
 * "remove card" added; {@link #meaning(int)} renders those.
 */
public enum IntermediateStatusCode implements ZvtCode {
    WAITING_FOR_AMOUNT_CONFIRMATION(0x00, "waiting for amount confirmation", "等待确认金额"),
    WAITING_FOR_HOST(0x04, "waiting for response from FEP (host)", "等待主机（前置）响应"),
    SENDING_AUTO_REVERSAL(0x05, "sending auto-reversal", "正在发送自动冲正"),
    SENDING_POST_BOOKINGS(0x06, "sending post-bookings", "正在发送补登交易"),
    INSERT_CARD(0x0A, "insert card", "请插卡"),
    REMOVE_CARD(0x0B, "remove card", "请取卡"),
    PLEASE_WAIT(0x0E, "please wait", "请稍候"),
    AUTO_END_OF_DAY(0x0F, "automatic end-of-day starting", "自动日结开始"),
    SYSTEM_MALFUNCTION(0x12, "system malfunction", "系统故障"),
    INCORRECT_PIN(0x15, "incorrect PIN", "密码错误"),
    PLEASE_WAIT_2(0x17, "please wait", "请稍候"),
    DECLINED(0x1D, "declined", "交易被拒绝"),
    AUTO_DIAGNOSIS(0xC9, "automatic diagnosis", "自动诊断"),
    AUTO_INITIALISATION(0xCA, "automatic initialisation", "自动初始化"),
    CONNECTING_DIAL_UP(0xD2, "connecting dial-up", "正在拨号连接"),
    DIAL_UP_CONNECTED(0xD3, "dial-up connected", "拨号已连接"),
    OFFLINE(0xF1, "offline", "脱机"),
    ONLINE(0xF2, "online", "联机"),
    OFFLINE_TRANSACTION(0xF3, "offline transaction", "脱机交易"),
    SEE_TLV(0xFF, "see TLV 24/07", "见 TLV 24/07");

    private final int code;
    private final String english;
    private final String chinese;

    IntermediateStatusCode(int code, String english, String chinese) {
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

    public static Optional<IntermediateStatusCode> of(int code) {
        return ZvtCode.lookup(values(), code);
    }

    /** English / Chinese text for any status byte, including 41..5D ("... + remove card"). */
    public static String meaning(int code) {
        Optional<IntermediateStatusCode> s = of(code);
        if (s.isPresent()) {
            return s.get().english + " / " + s.get().chinese;
        }
        if (code >= 0x41 && code <= 0x5D) {
            Optional<IntermediateStatusCode> base = of(code - 0x40);
            if (base.isPresent()) {
                return base.get().english + ", remove card / " + base.get().chinese + "，请取卡";
            }
        }
        return String.format("intermediate status %02X not listed / 未列出的中间状态 %02X", code, code);
    }
}
