package io.firstsettle.cli;

import java.util.Locale;

/**
 * junit.xml of a run for any CI: one test suite, one test case per scenario in catalogue order, the verdict in the
 * message ("verdict REVERSED (expected SETTLED): finding"). A scenario not as expected is a failure, a lab fault an
 * error (the lab, not the terminal), a scenario skipped because the terminal lacks what it needs is skipped with its
 * reason, a scenario as expected passes with the same line as its output.
 */
final class JunitXml {
    private JunitXml() {
    }

    static String render(CertificationSummary s) {
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        double seconds = 0;
        StringBuilder cases = new StringBuilder();
        for (CertificationSummary.Row r : s.rows()) {
            CertificationSummary.Scenario sc = r.scenario();
            RunOutcome.Kind k = sc.kind();
            String file = sc.location().substring(0, sc.location().lastIndexOf(':'));
            double t = sc.millis() / 1000.0;
            seconds += t;
            String message = "verdict " + sc.verdict() + " (expected " + (sc.expected() == null ? "no stated verdict"
                    : sc.expected()) + "; Cucumber " + sc.status() + "): " + r.finding()
                    + (r.evidence() == null ? "" : "; evidence " + r.evidence() + "/index.html");
            cases.append("  <testcase classname=\"").append(x(file)).append("\" name=\"").append(x(sc.name()))
                    .append("\" file=\"").append(x(file)).append("\" time=\"")
                    .append(String.format(Locale.ROOT, "%.3f", t)).append("\">\n");
            if (k == RunOutcome.Kind.SKIPPED) {
                skipped++;
                cases.append("    <skipped message=\"").append(x(message)).append("\"/>\n");
            } else if (k == RunOutcome.Kind.LAB_FAULT) {
                errors++;
                cases.append("    <error type=\"LAB_FAULT\" message=\"").append(x(message)).append("\"/>\n");
            } else if (k != RunOutcome.Kind.AS_EXPECTED) {
                failures++;
                cases.append("    <failure type=\"").append(x(sc.verdict())).append("\" message=\"").append(x(message))
                        .append("\"/>\n");
            }
            cases.append("    <system-out>").append(x(message)).append("</system-out>\n  </testcase>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"firstsettle: "
                + x(String.valueOf(s.metadata().get("title"))) + "\" tests=\"" + s.rows().size() + "\" failures=\""
                + failures + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\" time=\""
                + String.format(Locale.ROOT, "%.3f", seconds) + "\" timestamp=\"" + s.metadata().get("start") + "\">\n"
                + cases + "</testsuite>\n";
    }

    private static String x(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
    }
}
