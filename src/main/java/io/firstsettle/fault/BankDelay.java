package io.firstsettle.fault;

import java.time.Duration;
import java.util.Random;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A bank answer delay, given as a multiple of the terminal's host timeout so that "above the timeout" means the same
 * on a terminal with 30 s as on one with 60 s. 1.0 = exactly the timeout.
 *
 * @param distribution              fixed, uniform or lognormal
 * @param relativeToTerminalTimeout fixed: the multiple
 * @param min                       uniform: lower multiple
 * @param max                       uniform: upper multiple
 * @param median                    lognormal: median multiple
 * @param sigma                     lognormal: shape (standard deviation of the underlying normal)
 * @param seed                      uniform/lognormal: seed of the sampler (same seed, same delays in the same order)
 */
public record BankDelay(Distribution distribution, Double relativeToTerminalTimeout, Double min, Double max,
                        Double median, Double sigma, Long seed) {

    /** The shape of the delay. */
    public enum Distribution {
        FIXED("fixed"), UNIFORM("uniform"), LOGNORMAL("lognormal");

        private final String wire;

        Distribution(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    public BankDelay {
        if (distribution == null) {
            throw new FaultFieldException("delay.distribution", "is required: fixed, uniform or lognormal");
        }
        switch (distribution) {
            case FIXED -> positive("delay.relativeToTerminalTimeout", relativeToTerminalTimeout, "1.5 (above the timeout)");
            case UNIFORM -> {
                positive("delay.min", min, "0.2");
                positive("delay.max", max, "0.8");
                if (max < min) {
                    throw new FaultFieldException("delay.max", max + " is below min " + min);
                }
            }
            case LOGNORMAL -> {
                positive("delay.median", median, "0.5");
                positive("delay.sigma", sigma, "0.4");
            }
        }
        seed = seed == null ? 1L : seed;
    }

    private static void positive(String field, Double v, String example) {
        if (v == null || !(v > 0) || v > 100) {
            throw new FaultFieldException(field, (v == null ? "is required" : v + " is out of range")
                    + ": a multiple of the terminal's host timeout in (0, 100], e.g. " + example);
        }
    }

    /** Draws one delay (lab time) for a terminal whose host timeout is {@code terminalTimeout}. */
    public Duration sample(Duration terminalTimeout, Random random) {
        double k = switch (distribution) {
            case FIXED -> relativeToTerminalTimeout;
            case UNIFORM -> min + (max - min) * random.nextDouble();
            case LOGNORMAL -> median * Math.exp(sigma * random.nextGaussian());
        };
        return Duration.ofNanos((long) (terminalTimeout.toNanos() * k));
    }
}
