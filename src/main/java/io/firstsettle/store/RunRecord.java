package io.firstsettle.store;

import java.util.List;

/**
 * One part of a run as the store keeps it: who ran what where, on which terminal, with which options, and each
 * scenario's result. A run on one host has one part; a run split across lab hosts has one part per host. No card data:
 * the fields are names, verdicts, causes, paths and hashes.
 */
public record RunRecord(String runId, String partId, String kind, long startedMs, long endedMs, String user,
                        String host, String catalogueRev, String harnessVersion, Terminal terminal, String tags,
                        String defects, double scale, String reportDir, List<Result> results) {

    public RunRecord {
        results = List.copyOf(results);
    }

    /** The terminal profile and what the terminal reported about itself. */
    public record Terminal(String profile, String protocol, String vendor, String model, String tid,
                           String softwareVersion) {
    }

    /** One scenario's result. {@code location} is relative to the catalogue ({@code features/...:LINE}). */
    public record Result(int seq, String scenario, String location, String status, String verdict,
                         String expectedVerdict, String cause, String faults, long durationMs, String evidencePath,
                         String evidenceSha256) {
        public boolean passed() {
            return "PASSED".equals(status);
        }

        /** Skipped because the terminal lacks what the scenario needs: neither a pass nor a failure. */
        public boolean skipped() {
            return "SKIPPED".equals(status);
        }

        /** The scenario's identity across runs: its name and where it sits in the catalogue. */
        public String key() {
            return scenario + " @ " + location;
        }

        public boolean defectVerdict() {
            return "LOST".equals(verdict) || "DUPLICATED".equals(verdict) || "MISREPORTED".equals(verdict);
        }

        public boolean labFault() {
            return "LAB_FAULT".equals(verdict);
        }
    }

    /** The terminal as the new/known/fixed marks see it: its TID and, on an emulated terminal, its firmware defects. */
    public String terminalKey() {
        return terminal.tid() + (defects == null || defects.isBlank() ? "" : " defects=" + defects);
    }

    public long passedCount() {
        return results.stream().filter(Result::passed).count();
    }

    public long defectCount() {
        return results.stream().filter(r -> !r.passed() && r.defectVerdict()).count();
    }

    public long labFaultCount() {
        return results.stream().filter(r -> !r.passed() && r.labFault()).count();
    }

    public long otherFailureCount() {
        return results.size() - passedCount() - defectCount() - labFaultCount();
    }
}
