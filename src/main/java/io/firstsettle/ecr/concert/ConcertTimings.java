package io.firstsettle.ecr.concert;

import java.time.Duration;
import java.util.Objects;

/**
 * Timers and repeat counts of one Concert line. protocols.md §B gives only one of them: the register waits about
 * 120 s for the terminal's answer ([TELIUM] {@code DELAY_TERMINAL_ANSWER_TRANSACTION}); §F.2 says the ENQ/EOT timeouts
 * were not found in any specification. Every other value here is therefore [UNVERIFIED] and set per terminal profile.
 *
 * <p>Wire timers (ACK waits, inter-byte gap, EOT wait) are real time and not scaled by the lab clock, like ZVT's T1/T2;
 * the two answer waits are lab time (a 120 s wait takes 120 ms at scale 0.001).
 *
 * @param enqAck       wait for ACK after sending ENQ (default 1 s: [TELIUM] reads each control byte with its 1 s serial
 *                     timeout) [UNVERIFIED]
 * @param enqTries     how many ENQs before giving up (default 3) [UNVERIFIED; [TELIUM] tries once]
 * @param frameWait    after ACKing the peer's ENQ, wait for its STX (default 1 s) [UNVERIFIED]
 * @param frameAck     wait for ACK or NAK after sending a frame (default 1 s) [UNVERIFIED]
 * @param frameRepeats repeats of a frame after NAK or no answer, and NAKs sent before giving up on a peer's frame
 *                     (default 2, so 3 tries) [UNVERIFIED; [TELIUM] has no repeat]
 * @param interByteGap silence inside a frame that cuts it (default 500 ms) [UNVERIFIED]
 * @param eot          wait for EOT after ACKing the peer's frame (default 2 s) [UNVERIFIED]; a missing EOT is recorded,
 *                     the frame is still delivered. Keep it longer than the peer's frameAck: a peer that missed our
 *                     ACK repeats its frame after frameAck, and only a receiver still waiting for EOT ACKs the repeat
 * @param answerAtEnd  lab time the register waits for the answer to a request with delay A010 (120 s, §B)
 * @param answerAtOnce lab time the register waits for the answer to a request with delay A011 (default 10 s)
 *                     [UNVERIFIED]
 */
public record ConcertTimings(Duration enqAck, int enqTries, Duration frameWait, Duration frameAck, int frameRepeats,
                             Duration interByteGap, Duration eot, Duration answerAtEnd, Duration answerAtOnce) {

    public ConcertTimings {
        for (Duration d : new Duration[] {enqAck, frameWait, frameAck, interByteGap, eot, answerAtEnd, answerAtOnce}) {
            Objects.requireNonNull(d, "a Concert timer is missing");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("Concert timer " + d + " must be positive");
            }
        }
        if (enqTries < 1 || enqTries > 10) {
            throw new IllegalArgumentException("enqTries " + enqTries + " out of range 1..10 (default 3)");
        }
        if (frameRepeats < 0 || frameRepeats > 10) {
            throw new IllegalArgumentException("frameRepeats " + frameRepeats + " out of range 0..10 (default 2)");
        }
    }

    /** The defaults named above. */
    public static ConcertTimings defaults() {
        return new ConcertTimings(Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Duration.ofSeconds(1), 2,
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(120), Duration.ofSeconds(10));
    }

    /** The lab time the register waits for the answer to a request that asked for {@code delay}. */
    public Duration answerWait(AnswerDelay delay) {
        return delay == AnswerDelay.AT_ONCE ? answerAtOnce : answerAtEnd;
    }

    public ConcertTimings withAnswerWaits(Duration atEnd, Duration atOnce) {
        return new ConcertTimings(enqAck, enqTries, frameWait, frameAck, frameRepeats, interByteGap, eot, atEnd,
                atOnce);
    }
}
