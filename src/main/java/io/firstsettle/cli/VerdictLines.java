package io.firstsettle.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads back the verdicts.txt that {@link VerdictLinePlugin} writes: one scenario a line. */
record VerdictLines(List<Line> lines) {
    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+) (\\S+)\\s+(\\S+)\\s+(.*?)  evidence: (.*)$");

    /** One scenario: Cucumber status, the oracle's verdict ("none" when it never judged), name, evidence folder. */
    record Line(String status, String verdict, String scenario, String evidence) {
        boolean passed() {
            return "PASSED".equals(status);
        }

        /** Skipped because the terminal lacks what the scenario needs (its reason is in the run's evidence). */
        boolean skipped() {
            return "SKIPPED".equals(status);
        }

        /** Neither passed nor skipped. */
        boolean failed() {
            return !passed() && !skipped();
        }

        boolean defectVerdict() {
            return verdict.equals("LOST") || verdict.equals("DUPLICATED") || verdict.equals("MISREPORTED");
        }
    }

    static VerdictLines read(Path file) {
        if (!Files.exists(file)) {
            return new VerdictLines(List.of());
        }
        try {
            List<Line> out = new ArrayList<>();
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = LINE.matcher(l);
                if (!m.matches()) {
                    throw new IllegalStateException(file + ": unreadable verdict line '" + l + "'");
                }
                out.add(new Line(m.group(2), m.group(3), m.group(4), m.group(5)));
            }
            return new VerdictLines(List.copyOf(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
