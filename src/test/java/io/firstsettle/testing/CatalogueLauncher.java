package io.firstsettle.testing;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs part of the catalogue from inside a test, through the same Cucumber glue as the test command, against the
 * terminal profile and report folder the given system properties name ({@code firstsettle.terminal},
 * {@code firstsettle.reports}); the properties are put back as they were afterwards.
 */
public final class CatalogueLauncher {
    private CatalogueLauncher() {
    }

    public static TestExecutionSummary run(LauncherDiscoveryRequest request, Map<String, String> props) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Map<String, String> before = new HashMap<>();
        props.keySet().forEach(k -> before.put(k, System.getProperty(k)));
        try {
            props.forEach(System::setProperty);
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, listener);
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
        return listener.getSummary();
    }
}
