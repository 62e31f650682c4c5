package io.firstsettle.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Facts about the run for the certification summary: harness version, commit, host name. */
final class RunMetadata {
    private RunMetadata() {
    }

    static String version() {
        String v = RunMetadata.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    /** {@code git rev-parse HEAD} in the harness home, bounded to 5 s; "unknown" outside a git checkout. */
    static String commit(Path home) {
        try {
            Process p = new ProcessBuilder("git", "-C", home.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) { // bounded: a hung git must not hold the report
                p.destroyForcibly();
                return "unknown (git rev-parse took over 5 s)";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown (not a git checkout)";
        } catch (IOException e) {
            return "unknown (git not installed)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown";
        }
    }

    /** The certification set: a tag filter naming @cert (not negated) and no injected defect. */
    static boolean certificationSet(String tags, String defects) {
        return tags != null && tags.matches("(?s).*(?<!not )@cert\\b.*") && (defects == null || defects.isBlank());
    }

    /** What was run, in words: "Certification set", "Catalogue run", "... with injected defect X". */
    static String title(boolean cert, String defects) {
        String t = cert ? "Certification set" : "Catalogue run";
        return defects == null || defects.isBlank() ? t : t + " with injected defect " + defects;
    }

    /**
     * The catalogue's revision: the short commit plus a SHA-256 over every feature file (path and content), so two
     * runs of the same scenarios agree even outside git and an edited feature shows as a different revision.
     */
    static String catalogueRevision(Path home, String commit) {
        String shortCommit = commit.matches("[0-9a-f]{40}") ? commit.substring(0, 12) : "no commit";
        Path features = home.resolve("features");
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(features)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (Path f : s.filter(p -> p.toString().endsWith(".feature")).sorted().toList()) {
                md.update(features.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update(java.nio.file.Files.readAllBytes(f));
            }
            return shortCommit + ", features " + java.util.HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return shortCommit;
        }
    }

    /** Vendor and model: the emulator names itself; a physical terminal's are not reported over ZVT. */
    static void vendorModel(String profile, java.util.Map<String, String> terminal) {
        try {
            io.firstsettle.profile.TerminalProfile p = io.firstsettle.profile.TerminalProfile.named(profile);
            terminal.put("kind", p.kind());
            if (p.emulated()) {
                terminal.put("vendor", "firstsettle");
                terminal.put("model", "emulated ZVT terminal " + version());
            }
        } catch (RuntimeException e) {
            terminal.put("kind", "unknown (" + e.getMessage() + ")");
        }
    }
}
