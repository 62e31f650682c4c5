package io.firstsettle.cli;

import io.firstsettle.profile.TerminalProfile;

/**
 * The Cucumber tag filter of a run: what the terminal can do, narrowed by the user's {@code --tags}, never widened.
 * An emulated terminal has no bench and no person in front of it; a physical one runs no {@code @emulated} scenario
 * unless its profile gives the control the scenario needs (power commands for {@code @power}); a terminal that
 * refuses Abort 06 B0 runs no {@code @abort}; the harness self-test is never part of a certification run.
 */
final class TagFilter {
    private TagFilter() {
    }

    static String defaults(TerminalProfile p) {
        StringBuilder f = new StringBuilder("not @manual and not @selftest");
        if (p.emulated()) {
            f.append(" and not @bench");
        } else {
            f.append(p.powerControl() ? " and (not @emulated or @power)" : " and not @emulated");
            if (!p.abortSupported()) {
                f.append(" and not @abort");
            }
        }
        return f.toString();
    }

    /** The defaults and the user's expression together (the user's narrows the defaults). */
    static String of(TerminalProfile p, String userTags) {
        String d = defaults(p);
        return userTags == null || userTags.isBlank() ? d : "(" + d + ") and (" + userTags + ")";
    }
}
