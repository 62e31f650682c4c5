package io.firstsettle.cli;

import io.firstsettle.store.FlakyAttribution;
import io.firstsettle.store.LabStore;
import io.firstsettle.store.LabStoreException;

import java.util.List;
import java.util.Optional;

/** After {@code flaky}: where each flipping scenario points, from every run the lab store holds. */
final class FlakyHistory {
    static final int WINDOW = 500;

    private FlakyHistory() {
    }

    static void print(List<String> flakyScenarios) {
        if (flakyScenarios.isEmpty()) {
            return;
        }
        Optional<LabHistory> h = LabHistory.current();
        Optional<LabStore> store = h.flatMap(LabHistory::openStore);
        if (store.isEmpty()) {
            System.out.println("flaky: no attribution: the lab store was not reached ("
                    + h.map(LabHistory::unreachable).orElse("no store") + ")");
            return;
        }
        try {
            List<FlakyAttribution.Attribution> all = FlakyAttribution.attribute(store.get().runs(WINDOW, null, null));
            for (FlakyAttribution.Attribution a : all) {
                if (flakyScenarios.contains(a.scenario())) {
                    System.out.println("FLAKY " + a.scenario() + " -> " + a.kind() + ": " + a.reason());
                }
            }
        } catch (LabStoreException e) {
            System.out.println("flaky: no attribution: " + e.getMessage());
        }
    }
}
