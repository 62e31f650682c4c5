package io.firstsettle.fault;

import java.time.Duration;
import java.util.Set;

/**
 * A fault on the terminal-host TCP link, applied by {@link LinkFaultProxy}. Durations are lab time.
 *
 * @param action         what happens
 * @param point          where in the exchange (defaults per action: refuse/bandwidth connect, drop request-delivered,
 *                       delay/reset response-received, half-open connect)
 * @param trigger        which exchanges (default: all)
 * @param delay          for {@code delay}: the fixed part
 * @param jitter         for {@code delay}: a uniform extra in [0, jitter), seeded by the trigger's seed
 * @param bytesPerSecond for {@code bandwidth}: the limit, in lab seconds
 */
public record LinkFault(LinkAction action, ProtocolPoint point, LinkTrigger trigger, Duration delay, Duration jitter,
                        Integer bytesPerSecond) {
    private static final Set<ProtocolPoint> MESSAGE_POINTS = Set.of(ProtocolPoint.REQUEST_RECEIVED,
            ProtocolPoint.REQUEST_DELIVERED, ProtocolPoint.RESPONSE_RECEIVED, ProtocolPoint.RESPONSE_DELIVERED);

    public LinkFault {
        if (action == null) {
            throw new FaultFieldException("link.action", "is required: one of refuse, drop, delay, half-open, reset, "
                    + "bandwidth");
        }
        trigger = trigger == null ? LinkTrigger.always() : trigger;
        if (point == null) {
            point = switch (action) {
                case REFUSE, BANDWIDTH, HALF_OPEN -> ProtocolPoint.CONNECT;
                case DROP -> ProtocolPoint.REQUEST_DELIVERED;
                case DELAY, RESET -> ProtocolPoint.RESPONSE_RECEIVED;
            };
        }
        Set<ProtocolPoint> allowed = switch (action) {
            case REFUSE, BANDWIDTH -> Set.of(ProtocolPoint.CONNECT);
            case DROP -> MESSAGE_POINTS;
            case DELAY -> Set.of(ProtocolPoint.CONNECT, ProtocolPoint.REQUEST_RECEIVED, ProtocolPoint.RESPONSE_RECEIVED);
            case HALF_OPEN -> Set.of(ProtocolPoint.CONNECT, ProtocolPoint.REQUEST_RECEIVED,
                    ProtocolPoint.REQUEST_DELIVERED);
            case RESET -> Set.of(ProtocolPoint.REQUEST_RECEIVED, ProtocolPoint.RESPONSE_RECEIVED);
        };
        if (!allowed.contains(point)) {
            throw new FaultFieldException("link.point", "'" + point.wire() + "' does not fit action '" + action.wire()
                    + "': use one of " + allowed.stream().map(ProtocolPoint::wire).sorted().toList());
        }
        if (point == ProtocolPoint.CONNECT && trigger.mti() != null) {
            throw new FaultFieldException("link.trigger.mti", "there is no MTI at the 'connect' point: drop the mti or "
                    + "pick a message point");
        }
        if (action == LinkAction.DELAY && (delay == null || delay.isNegative()) && jitter == null) {
            throw new FaultFieldException("link.delay", "action 'delay' needs delay (e.g. 2s) and/or jitter");
        }
        if (jitter != null && (jitter.isNegative() || jitter.isZero())) {
            throw new FaultFieldException("link.jitter", "must be a positive lab duration such as 500ms");
        }
        if (action == LinkAction.BANDWIDTH && (bytesPerSecond == null || bytesPerSecond < 1)) {
            throw new FaultFieldException("link.bytesPerSecond", "action 'bandwidth' needs a limit of 1 or more");
        }
        delay = delay == null ? Duration.ZERO : delay;
    }

    public static LinkFault of(LinkAction action, ProtocolPoint point, LinkTrigger trigger) {
        return new LinkFault(action, point, trigger, null, null, null);
    }
}
