package io.firstsettle.evidence;

import io.firstsettle.core.CardData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the human views of one scenario's events next to them: {@code trace.txt}, {@code receipts.txt},
 * {@code timeline.svg}. Reports are views over {@code events.jsonl} only, so they can be rebuilt from a recorded run.
 */
public final class EvidenceReports {
    public static final String TRACE = "trace.txt";
    public static final String RECEIPTS = "receipts.txt";
    public static final String TIMELINE = "timeline.svg";

    private EvidenceReports() {
    }

    public static void write(Path evidenceDir) {
        EventLog log = EventLog.read(evidenceDir);
        String name = evidenceDir.getFileName().toString();
        put(evidenceDir.resolve(TRACE), TraceReport.render(log));
        put(evidenceDir.resolve(RECEIPTS), ReceiptReport.render(log));
        put(evidenceDir.resolve(TIMELINE), TimelineSvg.render(log, name));
    }

    /** Writes a report file; masked again as a guard, like every text in evidence. */
    static void put(Path file, String text) {
        try {
            Files.writeString(file, CardData.maskText(text), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": check the report folder is writable", e);
        }
    }
}
