package io.firstsettle.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every report tree of a catalogue run must hold, checked after the run that wrote it (the test command's
 * {@code CatalogueTest} runs them on its own report instead of running the whole catalogue a second time): no card data
 * in any file, a manifest that hashes every evidence file, and a self-contained summary that links every evidence page
 * with its timeline. Each check returns the problems it found, empty when the tree is right; {@link EvidenceLeakTest}
 * proves each of them finds what it looks for.
 */
public final class ReportTreeChecks {
    private static final List<String> EVIDENCE_FILES =
            List.of("events.jsonl", "trace.txt", "receipts.txt", "timeline.svg", "diagnosis.txt");

    private ReportTreeChecks() {
    }

    /** Every check over {@code report} (index.html, summary.json, manifest.sha256, evidence/) and the extra files. */
    public static List<String> all(Path report, Path... extraFiles) {
        List<String> problems = new ArrayList<>(complete(report, extraFiles));
        problems.addAll(noCardData(report, extraFiles));
        problems.addAll(manifestCoversEveryEvidenceFile(report));
        problems.addAll(summaryLinksEveryEvidencePage(report));
        return problems;
    }

    /** Each evidence folder holds its five files, none empty; the report holds its summary files. */
    public static List<String> complete(Path report, Path... extraFiles) {
        List<String> problems = new ArrayList<>();
        List<Path> evidence = evidenceFolders(report);
        if (evidence.isEmpty()) {
            problems.add(report.resolve("evidence") + ": the run left no evidence folder");
        }
        for (Path dir : evidence) {
            for (String f : EVIDENCE_FILES) {
                Path file = dir.resolve(f);
                if (!Files.isRegularFile(file) || size(file) == 0) {
                    problems.add(file + ": missing or empty");
                }
            }
        }
        for (String f : List.of("index.html", "summary.json", "manifest.sha256")) {
            if (!Files.isRegularFile(report.resolve(f))) {
                problems.add(report.resolve(f) + ": not in the report folder");
            }
        }
        for (Path f : extraFiles) {
            if (!Files.isRegularFile(f)) {
                problems.add(f + ": not written");
            }
        }
        return problems;
    }

    /** Full test PANs, track-2 data and PIN blocks of the fixture cards anywhere in the tree or the extra files. */
    public static List<String> noCardData(Path report, Path... extraFiles) {
        try {
            CardDataScanner scanner = CardDataScanner.fromFixtures(Path.of("fixtures/cards"));
            List<String> problems = new ArrayList<>();
            if (scanner.pans().size() < 2) {
                problems.add("fixtures/cards: only " + scanner.pans().size() + " PANs to search for");
            }
            problems.addAll(scanner.scan(report));
            for (Path f : extraFiles) {
                problems.addAll(scanner.scan(f));
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + report, e);
        }
    }

    /** One manifest line per evidence file, each with the file's SHA-256. */
    public static List<String> manifestCoversEveryEvidenceFile(Path report) {
        List<String> problems = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(report.resolve("manifest.sha256"));
            long evidenceFiles;
            try (Stream<Path> s = Files.walk(report.resolve("evidence"))) {
                evidenceFiles = s.filter(Files::isRegularFile).count();
            }
            if (evidenceFiles != lines.size()) {
                problems.add("manifest.sha256 has " + lines.size() + " lines for " + evidenceFiles + " evidence files");
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String l : lines) {
                String[] p = l.split("  ", 2);
                Path file = p.length == 2 ? report.resolve(p[1]) : null;
                if (file == null || !Files.isRegularFile(file)) {
                    problems.add("manifest.sha256 line '" + l + "' names no file of the report");
                } else if (!HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))).equals(p[0])) {
                    problems.add("manifest.sha256: " + p[1] + " does not hash to " + p[0]);
                }
            }
        } catch (IOException e) {
            problems.add(report + ": cannot read the manifest or the evidence (" + e + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return problems;
    }

    /** The summary needs no script and no network, and links every evidence page; each page embeds its timeline. */
    public static List<String> summaryLinksEveryEvidencePage(Path report) {
        List<String> problems = new ArrayList<>();
        try {
            String html = Files.readString(report.resolve("index.html"));
            if (html.contains("<script")) {
                problems.add("index.html has a script: it must read with scripts off");
            }
            if (networkReference(html)) {
                problems.add("index.html references the network");
            }
            boolean lanesChecked = false;
            for (Path d : evidenceFolders(report)) {
                if (!Files.isRegularFile(d.resolve("timeline.svg")) || skipped(d)) {
                    continue; // a scenario skipped for what the terminal lacks is listed without a verdict or a link
                }
                String page = "evidence/" + d.getFileName() + "/index.html";
                if (!html.contains("href=\"" + page + "\"")) {
                    problems.add("index.html does not link " + page);
                }
                Path pageFile = report.resolve(page);
                String evidence = Files.isRegularFile(pageFile) ? Files.readString(pageFile) : "";
                if (!evidence.contains("src=\"timeline.svg\"")) {
                    problems.add(page + " does not embed its timeline");
                }
                if (evidence.contains("<script") || networkReference(evidence)) {
                    problems.add(page + " has a script or a network reference");
                }
                String svg = Files.readString(d.resolve("timeline.svg"));
                if (svg.contains("<script")) {
                    problems.add(d.resolve("timeline.svg") + " has a script");
                }
                if (!lanesChecked) {
                    lanesChecked = true;
                    if (!(svg.contains(">register<") && svg.contains(">bank<") && svg.contains("STAN"))) {
                        problems.add(d.resolve("timeline.svg") + " lacks the register and bank lanes or the STAN key");
                    }
                }
            }
        } catch (IOException e) {
            problems.add(report + ": cannot read the summary or an evidence page (" + e + ")");
        }
        return problems;
    }

    private static boolean skipped(Path evidenceDir) {
        try {
            return Files.readString(evidenceDir.resolve("events.jsonl")).contains("\"kind\":\"scenario-skipped\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean networkReference(String html) {
        return html.matches("(?s).*(src|href)=\"(https?:)?//.*");
    }

    private static List<Path> evidenceFolders(Path report) {
        Path dir = report.resolve("evidence");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            return 0;
        }
    }
}
