package io.firstsettle.ecr.zvt.link;

import io.firstsettle.ecr.zvt.codec.Apdu;
import java.time.Duration;
import java.util.Optional;

/**
 * Moves whole APDUs between ECR and PT. The serial implementation owns DLE/STX framing, CRC, ACK/NAK, T1, T2 and
 * repeats ([ZVT-TP] §3); a TCP implementation sends bare APDUs ([ZVT-TP] §4.1). The application layer above owns
 * T3, T4 and master rights.
 */
public interface ApduLink extends AutoCloseable {

    /** Sends one APDU; returns when the peer has taken it (ACK on serial). */
    void send(Apdu apdu);

    /** The next APDU from the peer, or empty when {@code realTimeout} passes first. */
    Optional<Apdu> receive(Duration realTimeout);

    /**
     * Whether anything well-formed from the peer ever arrived on this line (serial: an ACK, a NAK or a frame with a
     * good CRC). A line that never heard its peer cannot tell a dead terminal from a dead cable
     * ({@link TerminalUnreachable}). Links that only exist once the peer answered (TCP) say true.
     */
    default boolean peerEverAnswered() {
        return true;
    }

    /**
     * A frame that arrived intact (good CRC) but does not hold a well-formed APDU (its length byte disagrees with its
     * data), taken once; empty when none is waiting. The receiver answers it 84 9A instead of staying silent.
     */
    default Optional<byte[]> takeMalformed() {
        return Optional.empty();
    }

    /** Name of the line for messages ("/dev/pts/7", "tcp://10.0.0.5:20007"). */
    String name();

    @Override
    void close();
}
