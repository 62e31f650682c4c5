package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.ZvtCode;
import java.util.Optional;

/**
 * Result codes in BMP 27, Abort {@code 06 1E} and the APRC of {@code 84 xx} ([ZVT-SPEC] ch.10 p.181-182, selection).
 * Codes 01..63 are not listed: they carry the host's decimal response code as a binary byte (DE39 "51" -> 0x33), see
 * {@link #meaning(int)} and {@link #fromHostResponseCode(String)}.
 */
public enum ResultCode implements ZvtCode {
    NO_ERROR(0x00, "no error", "无错误"),
    CARD_NOT_READABLE(0x64, "card not readable (LRC/parity error)", "卡无法读取（校验错误）"),
    CARD_DATA_NOT_PRESENT(0x65, "card data not present", "卡数据不存在"),
    PROCESSING_ERROR(0x66, "processing error (also card-reader mechanics)", "处理错误（含读卡器机械故障）"),
    NOT_PERMITTED_EC_MAESTRO(0x67, "function not permitted for ec/Maestro", "ec/Maestro 卡不允许此功能"),
    NOT_PERMITTED_CREDIT(0x68, "function not permitted for credit/fuel cards", "信用卡/加油卡不允许此功能"),
    TURNOVER_FILE_FULL(0x6A, "turnover file full", "交易记录文件已满"),
    FUNCTION_DEACTIVATED(0x6B, "function deactivated (PT not registered)", "功能已停用（终端未注册）"),
    ABORT_TIMEOUT_OR_KEY(0x6C, "abort via timeout or abort key", "超时或按取消键中止"),
    CARD_BLOCKED(0x6E, "card on blocked list", "卡在黑名单中"),
    WRONG_CURRENCY(0x6F, "wrong currency", "币种错误"),
    CARD_EXPIRED(0x78, "card expired", "卡已过期"),
    CARD_UNKNOWN(0x7A, "card unknown", "未知卡"),
    COMMUNICATION_ERROR(0x7D, "communication error (communication module does not answer / is missing)",
            "通讯错误（通讯模块无响应或缺失）"),
    FUNCTION_NOT_POSSIBLE(0x83, "function not possible", "功能无法执行"),
    KEY_MISSING(0x85, "key missing", "密钥缺失"),
    PROTOCOL_ERROR(0x9A, "ZVT protocol error (parsing, missing mandatory element)", "ZVT 协议错误（解析失败或缺少必填元素）"),
    DIAL_UP_FAULT(0x9B, "dial-up / communication fault", "拨号/通讯故障"),
    PLEASE_WAIT(0x9C, "please wait", "请稍候"),
    RECEIVER_NOT_READY(0xA0, "receiver not ready", "接收方未就绪"),
    REMOTE_NOT_RESPONDING(0xA1, "remote station does not respond", "远端无响应"),
    NO_CONNECTION(0xA3, "no connection", "无连接"),
    ALREADY_REVERSED(0xB4, "already reversed", "已冲正"),
    REVERSAL_NOT_POSSIBLE(0xB5, "reversal not possible", "无法冲正"),
    DIAGNOSIS_REQUIRED(0xC2, "diagnosis required", "需要诊断"),
    PRINTER_NOT_READY(0xCC, "printer not ready", "打印机未就绪"),
    ACTIVATION_REQUIRED(0xE4, "terminal activation required", "需要激活终端"),
    OPEN_END_OF_DAY_BATCH(0xF0, "open end-of-day batch present", "存在未结算的日结批次"),
    CLEARING_ERROR(0xFA, "error transmitting offline transactions (clearing error)", "脱机交易上送失败（清算错误）"),
    SYSTEM_ERROR(0xFF, "system error (see TLV 1F16/1F17)", "系统错误（见 TLV 1F16/1F17）");

    private final int code;
    private final String english;
    private final String chinese;

    ResultCode(int code, String english, String chinese) {
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

    public static Optional<ResultCode> of(int code) {
        return ZvtCode.lookup(values(), code);
    }

    /**
     * English and Chinese meaning of any result code byte: listed codes by name, 01..63 as the host's response code
     * ("host error code 51 / 主机错误码 51"), anything else as unlisted.
     */
    public static String meaning(int code) {
        Optional<ResultCode> r = of(code);
        if (r.isPresent()) {
            return r.get().english + " / " + r.get().chinese;
        }
        Optional<String> host = hostResponseCode(code);
        if (host.isPresent()) {
            return "host error code " + host.get() + " / 主机错误码 " + host.get();
        }
        return String.format("result code %02X not listed in [ZVT-SPEC] ch.10 / 未列出的结果码 %02X", code, code);
    }

    /** DE39 "51" -> 0x33: the host's decimal response code carried as a binary byte (01..99, [ZVT-SPEC] ch.10). */
    public static int fromHostResponseCode(String de39) {
        if (de39 == null || !de39.matches("[0-9]{2}") || de39.equals("00")) {
            throw new IllegalArgumentException("host response code \"" + de39 + "\" must be two decimal digits 01..99"
                    + " (alphanumeric DE39 codes have no ZVT result code; map them explicitly)");
        }
        return Integer.parseInt(de39);
    }

    /** 0x33 -> "51"; empty for 00 and codes above 0x63. */
    public static Optional<String> hostResponseCode(int rc) {
        return rc >= 0x01 && rc <= 0x63 ? Optional.of(String.format("%02d", rc)) : Optional.empty();
    }
}
