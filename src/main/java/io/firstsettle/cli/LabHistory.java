package io.firstsettle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.firstsettle.store.FailureMarks;
import io.firstsettle.store.LabDb;
import io.firstsettle.store.LabStore;
import io.firstsettle.store.LabStoreException;
import io.firstsettle.store.RunRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Records each catalogue run of a command in the lab store and marks its failures new / known / fixed against the
 * previous run on the same terminal (console, {@code summary.json} "history", a small section in {@code index.html}).
 * The report never depends on the store: when the store cannot be reached the run still runs and writes its report,
 * and the command says once, on stderr, that history was not recorded and why.
 */
final class LabHistory {
    private static volatile LabHistory current;

    private final LabDb db;
    private final String kind;
    private final String runId;
    private final PrintStream out;
    private LabStore store;
    private String unreachable;

    private LabHistory(LabDb db, String kind, String runId, PrintStream out) {
        this.db = db;
        this.kind = kind;
        this.runId = runId;
        this.out = out;
    }

    /**
     * Starts recording for one command ({@code run}, {@code detect}, {@code flaky}, {@code test}); the store is opened
     * at the first catalogue run. {@code runId} joins an existing run (one split across lab hosts), null for a new one.
     */
    static void begin(LabDbOption option, String kind, String runId) {
        LabDb db;
        String bad = null;
        try {
            db = option.resolve();
        } catch (IllegalArgumentException e) {
            db = null;
            bad = e.getMessage();
        }
        LabHistory h = new LabHistory(db, kind, runId, System.out);
        h.unreachable = bad;
        LabHistory previous = current;
        current = h;
        if (previous != null) {
            previous.close();
        }
    }

    /** The recording started by the last {@link #begin}, if any. */
    static Optional<LabHistory> current() {
        return Optional.ofNullable(current);
    }

    /** Called by {@link RunCommand#catalogue} after each catalogue run: records it if a command began recording. */
    static void afterCatalogue(Path folder, String tags, String terminal, double scale, List<String> defects) {
        LabHistory h = current;
        if (h != null) {
            try {
                h.record(folder, new RunRecordReader.Options(h.kind, h.runId, tags, defects, scale, terminal));
            } catch (RuntimeException e) { // history must never cost a run its report or its exit status
                System.err.println("history: NOT recorded: " + e);
            }
        }
    }

    /** Records one run; never throws: a store problem is said once and the report stays as it is. */
    synchronized Optional<RunRecord> record(Path folder, RunRecordReader.Options options) {
        RunRecord run;
        try {
            run = RunRecordReader.read(folder, options);
        } catch (IOException | RuntimeException e) {
            notRecorded(folder, "cannot read the run's report (" + e.getMessage() + ")");
            return Optional.empty();
        }
        LabStore s = store();
        if (s == null) {
            notRecorded(folder, unreachable);
            return Optional.empty();
        }
        try {
            Optional<RunRecord> previous = s.previousOnTerminal(run);
            s.record(run);
            List<FailureMarks.Marked> marks = FailureMarks.compare(previous, run);
            printMarks(run, previous, marks);
            HistorySection.write(folder, db, run, previous, marks);
            return Optional.of(run);
        } catch (LabStoreException | IOException | RuntimeException e) {
            unreachable = e.getMessage();
            notRecorded(folder, unreachable);
            return Optional.empty();
        }
    }

    /** The store of this recording, opened if needed; empty (and {@link #unreachable()} says why) if it cannot be. */
    synchronized Optional<LabStore> openStore() {
        return Optional.ofNullable(store());
    }

    String unreachable() {
        return unreachable;
    }

    private LabStore store() {
        if (store == null && unreachable == null && db != null) {
            try {
                store = LabStore.open(db);
            } catch (LabStoreException e) {
                unreachable = e.getMessage();
            }
        }
        return store;
    }

    private boolean said;

    private void notRecorded(Path folder, String why) {
        if (!said) {
            said = true;
            System.err.println("history: NOT recorded in the lab store: " + why
                    + ". The report is complete without it; later runs of this command are not recorded either.");
        }
        try {
            HistorySection.writeNotRecorded(folder, db, why);
        } catch (IOException e) {
            System.err.println("history: cannot note that in " + folder + "/summary.json (" + e.getMessage() + ")");
        }
    }

    private void printMarks(RunRecord run, Optional<RunRecord> previous, List<FailureMarks.Marked> marks) {
        long n = marks.stream().filter(m -> m.mark() == FailureMarks.Mark.NEW).count();
        long k = marks.stream().filter(m -> m.mark() == FailureMarks.Mark.KNOWN).count();
        long f = marks.stream().filter(m -> m.mark() == FailureMarks.Mark.FIXED).count();
        out.println("history: run " + run.runId() + " recorded in " + db + "; against "
                + previous.map(p -> "run " + p.runId() + " of " + Instant.ofEpochMilli(p.startedMs()))
                .orElse("no earlier run") + " on terminal " + run.terminal().tid() + ": " + n + " new, " + k
                + " known, " + f + " fixed");
        if (kind.equals("detect") || kind.equals("flaky")) {
            return; // many catalogue runs in one command: one line each, the marks are in each run's summary.json
        }
        marks.forEach(m -> out.println(String.format("  %-5s %s (%s%s)", m.mark(), m.scenario(), m.verdictNow(),
                m.verdictBefore() != null ? ", was " + m.verdictBefore() : "")));
    }

    private synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    /** summary.json's "history" and a small section in index.html (inserted before the end of the body). */
    static final class HistorySection {
        private HistorySection() {
        }

        static void write(Path folder, LabDb db, RunRecord run, Optional<RunRecord> previous,
                          List<FailureMarks.Marked> marks) throws IOException {
            ObjectMapper json = new ObjectMapper();
            ObjectNode h = json.createObjectNode();
            h.put("recorded", true);
            h.put("store", db.shown());
            h.put("runId", run.runId());
            h.put("terminal", run.terminal().tid());
            h.put("previousRunId", previous.map(RunRecord::runId).orElse(null));
            h.put("previousRunStart", previous.map(p -> Instant.ofEpochMilli(p.startedMs()).toString()).orElse(null));
            ArrayNode a = h.putArray("marks");
            for (FailureMarks.Marked m : marks) {
                a.addObject().put("scenario", m.scenario()).put("location", m.location()).put("mark", m.mark().name())
                        .put("verdict", m.verdictNow()).put("previousVerdict", m.verdictBefore());
            }
            merge(folder, h);
            StringBuilder html = new StringBuilder("<h2>History</h2>\n<p>Run ").append(SummaryHtml.esc(run.runId()))
                    .append(" in ").append(SummaryHtml.esc(db.shown())).append("; compared with ")
                    .append(SummaryHtml.esc(previous.map(p -> "run " + p.runId()).orElse("no earlier run")))
                    .append(" on terminal ").append(SummaryHtml.esc(run.terminal().tid())).append(".</p>\n");
            if (!marks.isEmpty()) {
                html.append("<table class=\"history\">\n<tr><th>mark</th><th>scenario</th><th>verdict</th><th>before</th></tr>\n");
                for (FailureMarks.Marked m : marks) {
                    html.append("<tr><td>").append(m.mark()).append("</td><td>").append(SummaryHtml.esc(m.scenario()))
                            .append("</td><td>").append(SummaryHtml.esc(m.verdictNow())).append("</td><td>")
                            .append(SummaryHtml.esc(m.verdictBefore() == null ? "-" : m.verdictBefore()))
                            .append("</td></tr>\n");
                }
                html.append("</table>\n");
            }
            insertHtml(folder, html.toString());
        }

        static void writeNotRecorded(Path folder, LabDb db, String why) throws IOException {
            ObjectNode h = new ObjectMapper().createObjectNode();
            h.put("recorded", false);
            h.put("store", db == null ? null : db.shown());
            h.put("reason", why);
            merge(folder, h);
            insertHtml(folder, "<h2>History</h2>\n<p>Not recorded in the lab store: " + SummaryHtml.esc(why) + "</p>\n");
        }

        private static void merge(Path folder, ObjectNode history) throws IOException {
            Path f = folder.resolve("summary.json");
            if (!Files.isRegularFile(f)) {
                return;
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode s = (ObjectNode) json.readTree(f.toFile());
            s.set("history", history);
            io.firstsettle.core.AtomicFiles.writeString(f, json.writeValueAsString(s));
        }

        private static void insertHtml(Path folder, String section) throws IOException {
            Path f = folder.resolve("index.html");
            if (!Files.isRegularFile(f)) {
                return;
            }
            String page = Files.readString(f, StandardCharsets.UTF_8);
            int end = page.lastIndexOf("</body>");
            String marked = "<section id=\"history\">\n" + section + "</section>\n";
            io.firstsettle.core.AtomicFiles.writeString(f,
                    end < 0 ? page + marked : page.substring(0, end) + marked + page.substring(end));
        }
    }
}
