package io.firstsettle.cli;

import java.util.List;
import java.util.Set;

/**
 * The overall result of a run and its exit code. A scenario is as expected when Cucumber passed it and its verdict is
 * the one its Then step names. Otherwise it counts as a defect when its verdict is LOST, DUPLICATED or MISREPORTED,
 * as a lab fault when the verdict is LAB_FAULT, and as "other" (a failed step, no verdict, another verdict).
 * Exit codes: 0 all as expected, 1 a terminal defect found, 3 lab fault or incomplete (2 is a usage error).
 */
enum RunOutcome {
    CERTIFIED(0), AS_EXPECTED(0), DEFECTS_FOUND(1), LAB_FAULT(3), INCOMPLETE(3);

    static final int USAGE = 2;
    private static final Set<String> DEFECTS = Set.of("LOST", "DUPLICATED", "MISREPORTED");

    private final int exitCode;

    RunOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** What one scenario counts as. */
    /** SKIPPED: the terminal lacks what the scenario needs (the reason is in its evidence); never judged. */
    enum Kind { AS_EXPECTED, DEFECT, LAB_FAULT, OTHER, SKIPPED }

    static Kind kind(String status, String verdict, String expected) {
        if ("SKIPPED".equals(status)) {
            return Kind.SKIPPED;
        }
        boolean matches = expected == null || expected.equals(verdict);
        if ("PASSED".equals(status) && matches) {
            return Kind.AS_EXPECTED;
        }
        if (DEFECTS.contains(verdict) && !verdict.equals(expected)) {
            return Kind.DEFECT;
        }
        return "LAB_FAULT".equals(verdict) ? Kind.LAB_FAULT : Kind.OTHER;
    }

    /** Counts per {@link Kind}, indexed by its ordinal. */
    static int[] counts(List<Kind> kinds) {
        int[] c = new int[Kind.values().length];
        kinds.forEach(k -> c[k.ordinal()]++);
        return c;
    }

    /**
     * Defects first (a found defect is the news even when the lab also failed elsewhere), then lab faults, then
     * anything else unexpected; an empty run is incomplete. All as expected is CERTIFIED only for the certification
     * set (tag filter naming @cert) with no injected defect.
     */
    static RunOutcome of(List<Kind> kinds, boolean certificationSet) {
        int[] c = counts(kinds);
        if (c[Kind.DEFECT.ordinal()] > 0) {
            return DEFECTS_FOUND;
        }
        if (c[Kind.LAB_FAULT.ordinal()] > 0) {
            return LAB_FAULT;
        }
        if (c[Kind.OTHER.ordinal()] > 0 || c[Kind.SKIPPED.ordinal()] == kinds.size()) {
            return INCOMPLETE;
        }
        return certificationSet ? CERTIFIED : AS_EXPECTED;
    }
}
