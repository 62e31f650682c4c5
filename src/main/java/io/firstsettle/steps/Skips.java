package io.firstsettle.steps;

import io.firstsettle.terminal.NotSupported;
import org.opentest4j.TestAbortedException;

import java.util.function.Supplier;

/**
 * An operation the terminal under test does not have turns the scenario into a skipped one, with the reason in the
 * evidence and the report ({@link TestAbortedException} is what Cucumber reports as SKIPPED), never into a verdict on
 * the terminal.
 */
final class Skips {
    private Skips() {
    }

    /** The result of {@code op}, or a skip naming what is not supported and by whom. */
    static <T> T unlessSupported(ScenarioWorld world, Supplier<T> op) {
        try {
            return op.get();
        } catch (NotSupported e) {
            world.skipped(e);
            throw skip(e);
        }
    }

    /** As {@link #unlessSupported(ScenarioWorld, Supplier)} for an operation with no result. */
    static void doUnlessSupported(ScenarioWorld world, Runnable op) {
        unlessSupported(world, () -> {
            op.run();
            return Boolean.TRUE;
        });
    }

    static TestAbortedException skip(NotSupported e) {
        return new TestAbortedException("skipped: " + e.getMessage(), e);
    }
}
