package io.firstsettle.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a scenario that flips (its status or verdict changed between runs) points, from every run the store holds:
 * <ul>
 *   <li>{@link Kind#DEVICE}: it flips on some terminals (TID + software version) and is steady on others: suspect
 *   that terminal or its firmware;</li>
 *   <li>{@link Kind#FAULT}: it flips wherever it runs, and every scenario that flips applies the same fault profile:
 *   suspect that fault's timing (it sits on an edge);</li>
 *   <li>{@link Kind#HARNESS_OR_SCENARIO}: it flips on every terminal it ran on (the emulated terminal is part of the
 *   harness, so a flip there counts as the harness's own): suspect the scenario or the harness;</li>
 *   <li>{@link Kind#UNDECIDED}: it ran on one physical terminal only; run it on another to tell device from harness.</li>
 * </ul>
 */
public final class FlakyAttribution {
    private FlakyAttribution() {
    }

    public enum Kind { HARNESS_OR_SCENARIO, DEVICE, FAULT, UNDECIDED }

    /** One flipping scenario, what it points at, and the outcomes seen per terminal. */
    public record Attribution(String scenario, String location, Kind kind, String reason,
                              Map<String, Set<String>> outcomesByTerminal) {
    }

    private static final class Seen {
        final String scenario;
        final String location;
        final Map<String, Set<String>> byDevice = new LinkedHashMap<>();
        final Set<String> faults = new TreeSet<>();
        boolean allEmulated = true;

        Seen(String scenario, String location) {
            this.scenario = scenario;
            this.location = location;
        }

        boolean flips() {
            return byDevice.values().stream().anyMatch(s -> s.size() > 1);
        }
    }

    /** Attributes every scenario that flips in {@code runs}; steady scenarios are left out. */
    public static List<Attribution> attribute(List<RunRecord> runs) {
        Map<String, Seen> seen = new LinkedHashMap<>();
        for (RunRecord run : runs) {
            String device = "TID " + run.terminal().tid() + " software " + (run.terminal().softwareVersion() != null
                    ? run.terminal().softwareVersion() : "not reported") + " (" + run.terminal().profile() + ")";
            boolean emulated = "firstsettle".equals(run.terminal().vendor());
            for (RunRecord.Result r : run.results()) {
                Seen s = seen.computeIfAbsent(r.key(), k -> new Seen(r.scenario(), r.location()));
                s.byDevice.computeIfAbsent(device, k -> new TreeSet<>()).add(r.status() + " " + r.verdict());
                s.allEmulated &= emulated;
                if (r.faults() != null && !r.faults().isBlank()) {
                    s.faults.addAll(List.of(r.faults().split(",")));
                }
            }
        }
        List<Seen> flipping = seen.values().stream().filter(Seen::flips).toList();
        Set<String> sharedFaults = null;
        for (Seen s : flipping) {
            if (sharedFaults == null) {
                sharedFaults = new LinkedHashSet<>(s.faults);
            } else {
                sharedFaults.retainAll(s.faults);
            }
        }
        List<Attribution> out = new ArrayList<>();
        for (Seen s : flipping) {
            List<String> flippingOn = s.byDevice.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(Map.Entry::getKey).toList();
            List<String> steadyOn = s.byDevice.entrySet().stream().filter(e -> e.getValue().size() == 1)
                    .map(Map.Entry::getKey).toList();
            Kind kind;
            String reason;
            if (!steadyOn.isEmpty()) {
                kind = Kind.DEVICE;
                reason = "flips only on " + String.join("; ", flippingOn) + ", steady on " + String.join("; ", steadyOn);
            } else if (flipping.size() >= 2 && sharedFaults != null && !sharedFaults.isEmpty()) {
                kind = Kind.FAULT;
                reason = "flips wherever it runs, and all " + flipping.size() + " flipping scenarios apply the fault "
                        + String.join(", ", sharedFaults) + ": its timing sits on an edge";
            } else if (s.byDevice.size() >= 2 || s.allEmulated) {
                kind = Kind.HARNESS_OR_SCENARIO;
                reason = s.byDevice.size() >= 2 ? "flips on every terminal it ran on (" + s.byDevice.size() + ")"
                        : "flips on the emulated terminal, which is part of the harness";
            } else {
                kind = Kind.UNDECIDED;
                reason = "ran on one physical terminal only (" + flippingOn.get(0) + "): run it on another terminal to "
                        + "tell the device from the harness";
            }
            out.add(new Attribution(s.scenario, s.location, kind, reason, s.byDevice));
        }
        return out;
    }
}
