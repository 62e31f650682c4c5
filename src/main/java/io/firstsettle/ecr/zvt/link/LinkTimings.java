package io.firstsettle.ecr.zvt.link;

import java.time.Duration;

/**
 * Transport and application timers of one ZVT line ([ZVT-TP] §3.4, §3.5, §5.2.5, §5.2.6), in real time.
 *
 * <p>T1 and T2 are wire timings: they are not scaled by the lab clock (a scaled 2 ms inter-byte gap would NAK healthy
 * frames on a busy machine). T3 and T4 are application timers and come from the terminal profile.
 *
 * @param t1 inter-byte gap inside a frame; reaching it means NAK (200 ms)
 * @param t2 wait for ACK/NAK after sending a frame (5 s)
 * @param repeats repeats after NAK or T2 (2, so 3 tries in total)
 * @param t3 wait for the 80 00 / 84 xx answer to a command (5 s)
 * @param t4 wait for the closing command after 80 00, re-armed by 04 FF and 04 0F (180 s)
 */
public record LinkTimings(Duration t1, Duration t2, int repeats, Duration t3, Duration t4) {
    public static LinkTimings spec() {
        return new LinkTimings(Duration.ofMillis(200), Duration.ofSeconds(5), 2, Duration.ofSeconds(5),
                Duration.ofSeconds(180));
    }

    public LinkTimings {
        if (repeats < 0 || repeats > 10) {
            throw new IllegalArgumentException("repeats " + repeats + " out of range 0..10 (the spec says 2)");
        }
    }
}
