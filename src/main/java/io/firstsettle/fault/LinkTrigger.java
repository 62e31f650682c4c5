package io.firstsettle.fault;

/**
 * Which exchanges a link fault hits. All given conditions must hold; none given = every exchange.
 *
 * @param mti         only requests with this MTI ("0200"); at {@link ProtocolPoint#CONNECT} there is no MTI yet
 * @param nth         only the nth matching request (1-based), or the nth connection at CONNECT
 * @param probability hit a matching exchange with this probability, drawn from a Random seeded with {@code seed}
 * @param seed        seed for probability and jitter; the same seed gives the same hits in the same order
 */
public record LinkTrigger(String mti, Integer nth, Double probability, Long seed) {
    public LinkTrigger {
        if (mti != null && !mti.matches("[0-9]{4}")) {
            throw new FaultFieldException("link.trigger.mti", "\"" + mti + "\" is not a 4-digit MTI such as \"0200\"");
        }
        if (nth != null && nth < 1) {
            throw new FaultFieldException("link.trigger.nth", nth + " must be 1 or more (1 = the first matching request)");
        }
        if (probability != null && !(probability > 0 && probability <= 1)) {
            throw new FaultFieldException("link.trigger.probability", probability + " must be in (0, 1]");
        }
        seed = seed == null ? 1L : seed;
    }

    public static LinkTrigger always() {
        return new LinkTrigger(null, null, null, 1L);
    }
}
