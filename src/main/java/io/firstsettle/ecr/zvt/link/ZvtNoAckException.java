package io.firstsettle.ecr.zvt.link;

import io.firstsettle.ecr.zvt.codec.Apdu;
import java.time.Duration;

/** The serial line's repeats ran out: no ACK for a frame after every try ([ZVT-TP] §3.5). */
public final class ZvtNoAckException extends ZvtLinkException {
    private final String port;
    private final int tries;
    private final Duration t2;

    public ZvtNoAckException(Apdu apdu, String port, int tries, Duration t2) {
        super("no ACK for " + apdu + " on " + port + " after " + tries + " tries (T2 " + t2.toMillis()
                + " ms each): check the cable, the baud rate (ZVT uses 9600 8N2 unless the terminal profile says"
                + " otherwise) and that the terminal is powered on");
        this.port = port;
        this.tries = tries;
        this.t2 = t2;
    }

    public String port() {
        return port;
    }

    /** Tries in all: the first send and its repeats. */
    public int tries() {
        return tries;
    }

    public Duration t2() {
        return t2;
    }
}
