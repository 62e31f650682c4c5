package io.firstsettle.oracle;

/**
 * Why a first transaction did not simply settle, in the seed's categories (design.md §1), with what a merchant and
 * what a lab should do about it, in English and Chinese. NONE and LAB are not causes in the field: nothing went wrong,
 * or the rig itself failed.
 */
public enum Cause {
    NONE("no fault: the first transaction settled", "无故障：首笔交易已结算",
            "Nothing to do.", "无需处理。",
            "Archive the evidence folder with the run.", "将证据目录随本次运行归档。"),
    PROVIDER_SYSTEM("provider system or maintenance", "支付服务商系统故障或维护",
            "Do not repeat the sale. Ask the payment provider whether its system is down or under maintenance, "
                    + "and retry once it is back.",
            "请勿重复交易。请联系支付服务商确认其系统是否故障或正在维护，恢复后再重试。",
            "Check the host's error events and the provider's maintenance window; rerun once the host answers 00.",
            "检查主机错误事件及服务商维护时间窗口；主机恢复应答00后重新测试。"),
    NETWORK("network between terminal and host", "终端与主机之间的网络故障",
            "Check the terminal's network cable, SIM or Wi-Fi. Do not charge the card again until the terminal "
                    + "shows the reversal or the provider confirms the outcome.",
            "请检查终端的网线、SIM卡或Wi-Fi。在终端显示冲正结果或服务商确认交易结果之前，请勿再次刷卡。",
            "Compare the terminal's timeout or link error with what the host received; check that a reversal "
                    + "followed and was acknowledged.",
            "对比终端的超时或链路错误与主机实际收到的报文；确认随后发送了冲正并得到确认。"),
    BANK("bank or payment institution", "银行或支付机构",
            "The bank declined, was unavailable or is holding the funds. Ask the acquirer about the settlement "
                    + "status (risk review of a new merchant, T+1 or D+1 calendar) before selling again.",
            "银行拒绝、暂不可用或暂扣资金。请先向收单机构查询结算状态（新商户风控审核、T+1或D+1结算周期），再继续交易。",
            "Check the bank replies in trace.txt and the merchant statement; a delayed credit must be reported as "
                    + "pending with its cause.",
            "检查trace.txt中的银行应答及商户对账单；延迟入账必须报告为待处理并注明原因。"),
    OPERATOR_ERROR("operator error", "操作员操作错误",
            "Register the terminal with the cash register, enter the right amount and payment method, do not abort "
                    + "mid-way, and close the day (end of day) so the sale is settled.",
            "请先在收银机上完成终端注册，输入正确的金额和支付方式，不要中途取消，并执行日结，使交易得以结算。",
            "Check the register's commands in trace.txt against the scenario's steps.",
            "对照场景步骤检查trace.txt中收银机发出的指令。"),
    TERMINAL_DEFECT("terminal defect", "终端缺陷",
            "Stop taking payments on this terminal and report it to the provider with this evidence folder.",
            "请停止使用该终端收款，并将本证据目录提交给服务商。",
            "File a defect against the terminal with timeline.svg and events.jsonl: the chain behind it behaved.",
            "附上timeline.svg和events.jsonl向终端厂商提交缺陷报告：后端链路工作正常。"),
    LAB("the lab itself, not a product result", "测试环境本身故障，不计为产品结果",
            "Nothing: this is not a result about the terminal.", "无需处理：这不是针对终端的结果。",
            "Fix the rig (serial port, fixture, free TCP port) and rerun the scenario.",
            "修复测试台（串口、夹具、TCP端口）后重新运行该场景。");

    private final String english;
    private final String chinese;
    private final String merchantEn;
    private final String merchantZh;
    private final String labEn;
    private final String labZh;

    Cause(String english, String chinese, String merchantEn, String merchantZh, String labEn, String labZh) {
        this.english = english;
        this.chinese = chinese;
        this.merchantEn = merchantEn;
        this.merchantZh = merchantZh;
        this.labEn = labEn;
        this.labZh = labZh;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }

    public String merchantActionEn() {
        return merchantEn;
    }

    public String merchantActionZh() {
        return merchantZh;
    }

    public String labActionEn() {
        return labEn;
    }

    public String labActionZh() {
        return labZh;
    }
}
