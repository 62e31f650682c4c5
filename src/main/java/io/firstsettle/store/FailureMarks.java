package io.firstsettle.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each failure of a run marked against the previous run on the same terminal: NEW (passed there, or not run, or no
 * previous run), KNOWN (failed there too), and each scenario FIXED since (failed there, passes now).
 */
public final class FailureMarks {
    private FailureMarks() {
    }

    public enum Mark { NEW, KNOWN, FIXED }

    /** One mark; {@code verdictBefore} is null when the scenario did not run in the previous run. */
    public record Marked(String scenario, String location, Mark mark, String verdictNow, String verdictBefore) {
    }

    public static List<Marked> compare(Optional<RunRecord> previous, RunRecord current) {
        Map<String, RunRecord.Result> before = new LinkedHashMap<>();
        previous.ifPresent(p -> p.results().forEach(r -> before.put(r.key(), r)));
        List<Marked> out = new ArrayList<>();
        for (RunRecord.Result now : current.results()) {
            RunRecord.Result was = before.get(now.key());
            String verdictBefore = was == null ? null : was.verdict();
            if (now.skipped()) {
                continue; // the terminal lacks what it needs: not a failure, and not a repair of an earlier one
            }
            if (!now.passed()) {
                out.add(new Marked(now.scenario(), now.location(),
                        was != null && !was.passed() && !was.skipped() ? Mark.KNOWN : Mark.NEW, now.verdict(),
                        verdictBefore));
            } else if (was != null && !was.passed() && !was.skipped()) {
                out.add(new Marked(now.scenario(), now.location(), Mark.FIXED, now.verdict(), verdictBefore));
            }
        }
        return out;
    }
}
