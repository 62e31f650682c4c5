package io.firstsettle.cli;

import java.util.Locale;
import java.util.Map;

/**
 * The language of the report pages: English or simplified Chinese. Both are always written (index.html and
 * index.zh-CN.html); {@code --lang} (default: the locale) chooses the one the console points at.
 */
enum ReportLang {
    EN("en", "index.html", "English"),
    ZH("zh-CN", "index.zh-CN.html", "中文");

    private final String tag;
    private final String page;
    private final String selfName;

    ReportLang(String tag, String page, String selfName) {
        this.tag = tag;
        this.page = page;
        this.selfName = selfName;
    }

    String tag() {
        return tag;
    }

    /** The page file name of this language (the summary and each evidence folder use the same names). */
    String page() {
        return page;
    }

    String selfName() {
        return selfName;
    }

    ReportLang other() {
        return this == EN ? ZH : EN;
    }

    /** "en" or "zh-CN" (also "zh", "zh_CN", any case); null means the JVM's locale. */
    static ReportLang parse(String s) {
        if (s == null || s.isBlank()) {
            return Locale.getDefault().getLanguage().equals("zh") ? ZH : EN;
        }
        String n = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (n.equals("en") || n.startsWith("en-")) {
            return EN;
        }
        if (n.equals("zh") || n.startsWith("zh-")) {
            return ZH;
        }
        throw new IllegalArgumentException("--lang " + s + ": unknown report language; use en or zh-CN");
    }

    /** A label of the report pages. */
    String t(String key) {
        String[] v = LABELS.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no report label '" + key + "'");
        }
        return this == EN ? v[0] : v[1];
    }

    private static final Map<String, String[]> LABELS = Map.ofEntries(
            Map.entry("title.cert", new String[]{"Certification set", "认证测试集"}),
            Map.entry("title.run", new String[]{"Catalogue run", "测试目录运行"}),
            Map.entry("title.defect", new String[]{"with injected defect", "注入缺陷"}),
            Map.entry("outcome.CERTIFIED", new String[]{"CERTIFIED", "认证通过"}),
            Map.entry("outcome.AS_EXPECTED", new String[]{"ALL AS EXPECTED", "全部符合预期"}),
            Map.entry("outcome.DEFECTS_FOUND", new String[]{"DEFECTS FOUND", "发现缺陷"}),
            Map.entry("outcome.LAB_FAULT", new String[]{"LAB FAULT", "测试环境故障"}),
            Map.entry("outcome.INCOMPLETE", new String[]{"INCOMPLETE", "未完成"}),
            Map.entry("outcome.CERTIFIED.why", new String[]{"every scenario of the certification set ended as expected",
                    "认证测试集的所有场景均符合预期"}),
            Map.entry("outcome.AS_EXPECTED.why", new String[]{"every scenario ended as expected (not the whole "
                    + "certification set, so no certification)", "所有场景均符合预期（并非完整认证测试集，因此不构成认证）"}),
            Map.entry("outcome.DEFECTS_FOUND.why", new String[]{"the terminal lost, duplicated or misreported a first "
                    + "transaction", "终端丢失、重复或错误报告了首笔交易"}),
            Map.entry("outcome.LAB_FAULT.why", new String[]{"the lab itself failed in some scenarios: no result about "
                    + "the terminal there; fix the rig and rerun", "部分场景中测试环境本身故障：这些场景不构成对终端的结论；请修复测试台后重新运行"}),
            Map.entry("outcome.INCOMPLETE.why", new String[]{"some scenarios ended without the expected verdict and "
                    + "without a defect verdict: see their evidence", "部分场景既未得到预期结论，也未得到缺陷结论：请查看其证据"}),
            Map.entry("count.asExpected", new String[]{"as expected", "符合预期"}),
            Map.entry("count.defects", new String[]{"defects", "缺陷"}),
            Map.entry("count.labFaults", new String[]{"lab faults", "环境故障"}),
            Map.entry("count.other", new String[]{"other", "其他"}),
            Map.entry("count.skipped", new String[]{"skipped (the terminal lacks what they need)", "跳过（终端不具备所需功能）"}),
            Map.entry("count.scenarios", new String[]{"scenarios", "个场景"}),
            Map.entry("run.terminal", new String[]{"Terminal", "终端"}),
            Map.entry("run.tid", new String[]{"TID", "终端号"}),
            Map.entry("run.software", new String[]{"Software", "软件版本"}),
            Map.entry("run.tags", new String[]{"Tags", "标签"}),
            Map.entry("run.selection", new String[]{"Features", "功能文件"}),
            Map.entry("run.defect", new String[]{"Injected defect", "注入缺陷"}),
            Map.entry("run.scale", new String[]{"Time scale", "时间比例"}),
            Map.entry("run.duration", new String[]{"Duration", "耗时"}),
            Map.entry("run.started", new String[]{"Started (UTC)", "开始时间 (UTC)"}),
            Map.entry("run.catalogue", new String[]{"Catalogue revision", "目录版本"}),
            Map.entry("run.harness", new String[]{"Harness", "测试工具"}),
            Map.entry("run.host", new String[]{"Lab host", "实验室主机"}),
            Map.entry("none", new String[]{"none", "无"}),
            Map.entry("notReported", new String[]{"not reported", "未报告"}),
            Map.entry("col.scenario", new String[]{"Scenario", "场景"}),
            Map.entry("col.expected", new String[]{"Expected", "预期"}),
            Map.entry("col.actual", new String[]{"Actual", "实际"}),
            Map.entry("col.cause", new String[]{"Cause", "原因"}),
            Map.entry("col.evidence", new String[]{"Evidence", "证据"}),
            Map.entry("link.evidence", new String[]{"evidence", "证据"}),
            Map.entry("noEvidence", new String[]{"no evidence (no rig started)", "无证据（测试台未启动）"}),
            Map.entry("verdict.none", new String[]{"no verdict", "无结论"}),
            Map.entry("verdict.unstated", new String[]{"(not stated)", "（未声明）"}),
            Map.entry("status.mismatch", new String[]{"not as expected", "不符合预期"}),
            Map.entry("status.failedStep", new String[]{"a step failed", "有步骤失败"}),
            Map.entry("legend.title", new String[]{"Verdicts", "结论说明"}),
            Map.entry("legend.defect", new String[]{"defect", "缺陷"}),
            Map.entry("files.title", new String[]{"Files of this report", "本报告的文件"}),
            Map.entry("files.cucumber", new String[]{"every step of every scenario", "每个场景的每个步骤"}),
            Map.entry("files.junit", new String[]{"for CI: one test case per scenario", "供CI使用：每个场景一个测试用例"}),
            Map.entry("files.summary", new String[]{"this summary as data", "本摘要的数据形式"}),
            Map.entry("files.manifest", new String[]{"SHA-256 of every evidence file; check with", "所有证据文件的SHA-256；校验命令"}),
            Map.entry("back", new String[]{"back to the summary", "返回摘要"}),
            Map.entry("ev.diagnosis", new String[]{"Diagnosis", "诊断"}),
            Map.entry("ev.finding", new String[]{"Finding", "发现"}),
            Map.entry("ev.evidenceLines", new String[]{"Events that show it (events.jsonl)", "依据事件（events.jsonl）"}),
            Map.entry("ev.noEvidenceLines", new String[]{"no event points at a fault", "没有事件指向故障"}),
            Map.entry("ev.merchant", new String[]{"What the merchant should do", "商户应如何处理"}),
            Map.entry("ev.lab", new String[]{"What the lab should do", "实验室应如何处理"}),
            Map.entry("ev.timeline", new String[]{"Timeline", "时序图"}),
            Map.entry("ev.conversation", new String[]{"Conversation (trace.txt)", "通信记录（trace.txt）"}),
            Map.entry("ev.receipts", new String[]{"Receipts", "小票"}),
            Map.entry("ev.raw", new String[]{"Raw files", "原始文件"}),
            Map.entry("ev.location", new String[]{"Feature", "功能文件"}),
            Map.entry("ev.duration", new String[]{"Duration", "耗时"}),
            Map.entry("ev.truncated", new String[]{"events.jsonl ends in a cut-off line (a killed run); diagnosed from "
                    + "the rest", "events.jsonl 末行被截断（运行被强行终止）；依据其余事件诊断"}),
            Map.entry("ev.status", new String[]{"Cucumber status", "Cucumber 状态"}));
}
