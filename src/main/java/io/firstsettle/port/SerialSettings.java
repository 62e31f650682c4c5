package io.firstsettle.port;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Line settings of a serial port. ZVT terminals talk 9600 baud, 8 data bits, no parity, 2 stop bits ({@link #zvtDefault()}).
 */
public record SerialSettings(int baud, int dataBits, int stopBits, Parity parity) {

    /** Parity bit of each character. */
    public enum Parity { NONE, ODD, EVEN, MARK, SPACE }

    /** Baud rates a POSIX serial driver (and jssc) can set. */
    public static final Set<Integer> KNOWN_BAUDS = Set.of(
            300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600);

    public SerialSettings {
        Objects.requireNonNull(parity, "parity");
        if (!KNOWN_BAUDS.contains(baud)) {
            throw new IllegalArgumentException("baud " + baud + " is not a standard rate: use one of "
                    + new TreeSet<>(KNOWN_BAUDS) + " (ZVT terminals use 9600)");
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits " + dataBits + " out of range: use 5..8 (ZVT uses 8)");
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop bits " + stopBits + " out of range: use 1 or 2 (ZVT uses 2)");
        }
    }

    /** 9600 baud, 8 data bits, no parity, 2 stop bits: the ZVT serial line. */
    public static SerialSettings zvtDefault() {
        return new SerialSettings(9600, 8, 2, Parity.NONE);
    }

    @Override
    public String toString() {
        return baud + " " + dataBits + parity.name().charAt(0) + stopBits;
    }
}
