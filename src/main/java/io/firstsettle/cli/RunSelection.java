package io.firstsettle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a run selects and what it leaves behind: the scenario count, the exit code, paths as a reader sees them. */
final class RunSelection {
    /** The report files Cucumber writes with absolute file:// URIs, rewritten relative after the run. */
    /** Files of a report that may name paths (evidence/ is covered by the manifest and names none of its own). */
    private static final List<String> CUCUMBER_FILES = List.of("cucumber.html", "junit.xml", "messages.ndjson",
            "verdicts.txt", "expected-verdicts.tsv", "summary.json", "index.html", "index.zh-CN.html");

    private RunSelection() {
    }

    /**
     * The scenarios these features and this tag filter select: a Cucumber dry run (no glue executed) over exactly
     * the same arguments as the run, so a tag filter or a {@code file:line} counts what will really run.
     */
    static int count(List<Path> features, String tags, Path home) {
        List<String> args = new ArrayList<>(List.of("--glue", "io.firstsettle.steps", "--dry-run", "--monochrome", "--no-summary",
                "--plugin", ScenarioCounter.class.getName(), "--tags", tags));
        if (features.isEmpty()) {
            args.add(home.resolve("features").toString());
        } else {
            features.forEach(f -> args.add(f.toString()));
        }
        io.cucumber.core.cli.Main.run(args.toArray(String[]::new), Thread.currentThread().getContextClassLoader());
        return ScenarioCounter.LAST.get();
    }

    /**
     * The run's exit code from its summary.json (0 as expected, 1 defect, 3 lab fault or incomplete); when Cucumber
     * never got to write a summary, 2 for its usage errors and 3 otherwise.
     */
    static int exitCode(Path out, byte cucumberStatus) {
        Path summary = out.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return cucumberStatus == 2 ? RunOutcome.USAGE : RunOutcome.INCOMPLETE.exitCode();
        }
        try {
            JsonNode run = new ObjectMapper().readTree(summary.toFile()).path("run");
            return run.path("exitCode").asInt(RunOutcome.INCOMPLETE.exitCode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summary + " for the exit code", e);
        }
    }

    /** A path relative to the working directory when it lies below it (what a user can paste), else absolute. */
    static String shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path a = p.toAbsolutePath().normalize();
        return a.startsWith(cwd) && !a.equals(cwd) ? cwd.relativize(a).toString() : a.toString();
    }

    /** A feature argument as the report names it: relative to the harness home, never an absolute path. */
    static String inCatalogue(Path feature, Path home) {
        if (!feature.isAbsolute()) {
            return feature.toString().replace('\\', '/');
        }
        Path a = feature.normalize();
        return (a.startsWith(home) ? home.relativize(a) : a.getFileName()).toString().replace('\\', '/');
    }

    /** The profile names under fixtures/terminals. */
    static String knownProfiles() {
        Path dir = io.firstsettle.profile.Fixtures.root().resolve("terminals");
        try (Stream<Path> s = Files.list(dir)) {
            return String.join(", ", s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList());
        } catch (IOException e) {
            return "(cannot list " + dir + ")";
        }
    }

    /**
     * Rewrites the absolute paths Cucumber put into its report files (feature URIs, the evidence links of each
     * scenario) relative to the report folder and the harness home, so a moved or zipped report still opens.
     */
    static void relativize(Path out, Path home) {
        List<String[]> swaps = new ArrayList<>();
        for (Path base : List.of(out.toAbsolutePath().normalize(), home.toAbsolutePath().normalize())) {
            String b = base.toString();
            String uri = base.toUri().toString();
            swaps.add(new String[]{uri.endsWith("/") ? uri : uri + "/", ""});
            swaps.add(new String[]{"file://" + b + "/", ""});
            swaps.add(new String[]{b + "/", ""});
        }
        for (String name : CUCUMBER_FILES) {
            Path f = out.resolve(name);
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                String fixed = text;
                for (String[] s : swaps) {
                    fixed = fixed.replace(s[0], s[1]);
                }
                if (!fixed.equals(text)) {
                    io.firstsettle.core.AtomicFiles.writeString(f, fixed);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the paths in " + f + " relative", e);
            }
        }
    }
}
