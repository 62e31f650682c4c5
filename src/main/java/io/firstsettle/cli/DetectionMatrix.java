package io.firstsettle.cli;

import io.firstsettle.emulator.Defect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked-in detection matrix ({@code fixtures/detection/matrix.tsv}): for each emulated firmware defect, the
 * scenarios that caught it with a defect verdict in the last full {@code firstsettle detect}. The first scenario of a
 * defect is its <em>proof</em>: the test command runs each defect against its proof scenario only and fails when the
 * scenario no longer catches it, or when a {@link Defect} has no row at all.
 *
 * <pre>
 *   # comment
 *   DEFECT_NAME&lt;TAB&gt;VERDICT&lt;TAB&gt;scenario name
 * </pre>
 */
record DetectionMatrix(Map<Defect, List<Catch>> rows) {
    /** Where the matrix lives, relative to the project home. */
    static final Path FILE = Path.of("fixtures", "detection", "matrix.tsv");

    /** One scenario that caught a defect, and the defect verdict it gave. */
    record Catch(String verdict, String scenario) {
    }

    /** The checked-in matrix of a terminal profile: matrix.tsv for emulated-zvt, matrix-NAME.tsv for the others. */
    static Path fileOf(String terminal) {
        return Main.home().resolve(relativeFileOf(terminal));
    }

    static Path relativeFileOf(String terminal) {
        return DEFAULT_TERMINAL.equals(terminal) ? FILE : FILE.resolveSibling("matrix-" + terminal + ".tsv");
    }

    /** The terminal profile the detection matrix is about unless told otherwise. */
    static final String DEFAULT_TERMINAL = "emulated-zvt";

    static Path defaultFile() {
        return Main.home().resolve(FILE);
    }

    static DetectionMatrix read(Path file) {
        Map<Defect, List<Catch>> rows = new EnumMap<>(Defect.class);
        if (!Files.exists(file)) {
            return new DetectionMatrix(rows);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the detection matrix " + file, e);
        }
        int n = 0;
        for (String l : lines) {
            n++;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\t", 3);
            if (f.length != 3 || f[2].isBlank()) {
                throw new IllegalStateException(file + ":" + n + ": expected 'DEFECT<TAB>VERDICT<TAB>scenario', got '"
                        + l + "' — rewrite it with ./firstsettle detect --update-matrix");
            }
            Defect d;
            try {
                d = Defect.parse(f[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + ":" + n + ": " + e.getMessage(), e);
            }
            rows.computeIfAbsent(d, k -> new ArrayList<>()).add(new Catch(f[1].trim(), f[2].trim()));
        }
        return new DetectionMatrix(rows);
    }

    /** The proof scenario of a defect: the first that caught it. */
    java.util.Optional<Catch> proof(Defect d) {
        List<Catch> c = rows.getOrDefault(d, List.of());
        return c.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(c.get(0));
    }

    /** Defects without any catching scenario in this matrix, in declaration order. */
    List<Defect> missing() {
        return missing(List.of(Defect.values()));
    }

    /** The defects of {@code applicable} with no catching scenario. */
    List<Defect> missing(java.util.Collection<Defect> applicable) {
        List<Defect> out = new ArrayList<>();
        for (Defect d : applicable) {
            if (rows.getOrDefault(d, List.of()).isEmpty()) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * This matrix with the rows of the defects a detect run covered replaced by what it found. A defect keeps its
     * proof scenario first when that scenario still caught it (the test command's proof stays stable).
     */
    DetectionMatrix merge(Map<Defect, List<Catch>> found) {
        Map<Defect, List<Catch>> out = new EnumMap<>(Defect.class);
        out.putAll(rows);
        found.forEach((d, catches) -> {
            List<Catch> ordered = new ArrayList<>(catches);
            proof(d).flatMap(p -> catches.stream().filter(c -> c.scenario().equals(p.scenario())).findFirst())
                    .ifPresent(p -> {
                        ordered.remove(p);
                        ordered.add(0, p);
                    });
            out.put(d, List.copyOf(ordered));
        });
        return new DetectionMatrix(out);
    }

    void write(Path file) {
        StringBuilder sb = new StringBuilder("""
                # Which scenarios catch which emulated firmware defect with a defect verdict (LOST, DUPLICATED,
                # MISREPORTED). Written by `./firstsettle detect --update-matrix` after the full catalogue ran against
                # the defect; check it in. The first scenario of a defect is its proof: the test command runs the
                # defect against that scenario only and fails if it is no longer caught, or if a defect has no row.
                # A new Defect constant: run `./firstsettle detect --defect NEW_NAME --update-matrix`.
                # defect\tverdict\tscenario
                """);
        Map<Defect, List<Catch>> sorted = new LinkedHashMap<>();
        for (Defect d : Defect.values()) {
            if (rows.containsKey(d)) {
                sorted.put(d, rows.get(d));
            }
        }
        sorted.forEach((d, catches) -> catches.forEach(c ->
                sb.append(d.name()).append('\t').append(c.verdict()).append('\t').append(c.scenario()).append('\n')));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the detection matrix " + file, e);
        }
    }
}
