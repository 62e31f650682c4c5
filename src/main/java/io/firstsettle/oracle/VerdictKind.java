package io.firstsettle.oracle;

/** The oracle's vocabulary (design.md §3). */
public enum VerdictKind {
    SETTLED(false, "approved, settled and credited once with the right amount", "已批准、已结算、已入账一次且金额正确"),
    SETTLED_LATE(false, "approved, credit delayed and reported as pending with its cause, then credited",
            "已批准，入账延迟并已报告原因，随后入账"),
    DECLINED_REPORTED(false, "declined, the terminal showed the reason, no charge and no credit",
            "交易被拒，终端显示原因，未扣款未入账"),
    REVERSED(false, "no usable answer in time: reversed, acknowledged, shown as failed, no charge and no credit",
            "超时未得到有效应答：已冲正并确认，终端显示失败，未扣款未入账"),
    LOST(true, "money taken or approved but never credited and never reported", "已扣款或已批准，但从未入账且未报告"),
    DUPLICATED(true, "charged or credited twice", "重复扣款或重复入账"),
    MISREPORTED(true, "the terminal says one thing, host or bank did another", "终端显示与主机或银行实际处理不一致"),
    LAB_FAULT(false, "the rig itself failed (port gone, fixture broken): not a product result",
            "测试环境故障（端口丢失、夹具错误），不计为产品缺陷");

    private final boolean defect;
    private final String english;
    private final String chinese;

    VerdictKind(boolean defect, String english, String chinese) {
        this.defect = defect;
        this.english = english;
        this.chinese = chinese;
    }

    /** LOST, DUPLICATED, MISREPORTED: a defect of the terminal or the chain behind it. */
    public boolean defect() {
        return defect;
    }

    public String english() {
        return english;
    }

    public String chinese() {
        return chinese;
    }
}
