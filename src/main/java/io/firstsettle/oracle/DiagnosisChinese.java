package io.firstsettle.oracle;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Chinese of a {@link Diagnosis}: its finding and its evidence lines. The evidence lines keep the event names and
 * fields of events.jsonl (so they can be found there) and name who recorded them in Chinese.
 */
public final class DiagnosisChinese {
    private DiagnosisChinese() {
    }

    private record Rule(Pattern en, Function<Matcher, String> zh) {
    }

    private static final List<Rule> RULES = List.of(
            rule("the rig failed; the terminal was not judged", m -> "测试台故障；未对终端作出判定"),
            rule("the bank answered (\\S+) \\(HTTP (\\S+)\\) to (.*)", m -> "银行对 " + m.group(3) + " 应答 "
                    + m.group(1) + "（HTTP " + m.group(2) + "）"),
            rule("the acquirer host failed or was not there although the bank was fine",
                    m -> "银行正常，但收单主机故障或不可达"),
            rule("the link between terminal and host timed out or broke", m -> "终端与主机之间的链路超时或中断"),
            rule("the cashier chose (.*) where (.*) was meant", m -> "收银员选择了 " + m.group(1) + "，而本应选择 "
                    + m.group(2)),
            rule("the register sent a sale without registering the terminal first",
                    m -> "收银机未先注册终端就发起了消费"),
            rule("the cashier keyed (\\S+) for a sale priced (\\S+); .*", m -> "收银员输入了 " + m.group(1)
                    + "，而商品价格为 " + m.group(2) + "；终端按输入金额扣款，商户也按输入金额入账，账款一致，差额属于操作员失误"),
            rule("the cashier pressed abort while the terminal waits for the host",
                    m -> "收银员在终端等待主机应答时按下了取消键"),
            rule("the cashier pressed abort (.*)", m -> "收银员按下了取消键（" + m.group(1) + "）"),
            rule("the register was set up wrongly: the config byte says the register prints, but its printer driver "
                    + "never answers 06 D1", m -> "收银机设置错误：配置字节声明收银机负责打印，但其打印驱动从不应答 06 D1"),
            rule("the register was set up wrongly: (.*)", m -> "收银机设置错误：" + m.group(1)),
            rule("the operator aborted the payment mid-way", m -> "操作员中途取消了支付"),
            rule("the sale was approved but the day was never closed, so it was never settled",
                    m -> "消费已获批准，但从未执行日结，因此从未结算"),
            rule("the verdict is (\\S+) while register, host and bank behaved",
                    m -> "结论为 " + m.group(1) + "，而收银机、主机和银行均工作正常"),
            rule("the bank held the first credit: (.*)", m -> "银行暂扣了首笔入账：" + m.group(1)),
            rule("approved, settled and credited once", m -> "已批准、已结算并入账一次"),
            rule("no verdict was recorded and no fault shows in the events \\(the run may have been cut short\\)",
                    m -> "未记录结论，事件中也没有故障（运行可能被中断）"),
            rule("the verdict is (\\S+) and no fault shows in the events", m -> "结论为 " + m.group(1)
                    + "，事件中没有故障"));

    private static final Map<String, String> SOURCES = Map.of("ecr", "收银机", "terminal", "终端", "host", "主机",
            "bank", "银行", "fault", "故障注入", "lab", "实验室", "oracle", "判定", "operator", "操作员");
    private static final Pattern LINE = Pattern.compile("^(#\\d+ \\S+ s) (\\S+) (.*)$", Pattern.DOTALL);
    private static final Pattern MORE = Pattern.compile("^\\.\\.\\. and (\\d+) more like these$");

    private static Rule rule(String en, Function<Matcher, String> zh) {
        return new Rule(Pattern.compile(en, Pattern.DOTALL), zh);
    }

    /** The finding in Chinese; a finding without a rule stays English (a test keeps the rules complete). */
    public static String finding(Diagnosis d) {
        return finding(d.finding());
    }

    static String finding(String english) {
        if (english == null) {
            return null;
        }
        for (Rule r : RULES) {
            Matcher m = r.en().matcher(english);
            if (m.matches()) {
                return r.zh().apply(m);
            }
        }
        return english;
    }

    /** An evidence line with its recorder named in Chinese: "#32 +8.690 s 银行(bank) bank-response: ...". */
    public static String evidenceLine(String line) {
        Matcher more = MORE.matcher(line);
        if (more.matches()) {
            return "……另有 " + more.group(1) + " 条同类事件";
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return line;
        }
        String who = SOURCES.get(m.group(2));
        return who == null ? line : m.group(1) + " " + who + "(" + m.group(2) + ") " + m.group(3);
    }
}
