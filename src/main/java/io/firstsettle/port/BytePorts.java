package io.firstsettle.port;

import java.util.Locale;

/** Opens a {@link BytePort} from the port spec of a terminal profile. */
public final class BytePorts {
    private BytePorts() {
    }

    /**
     * {@code tcp://host:port} opens a {@link TcpBytePort} (ser2net raw mode, ZVT over TCP); {@code rfc2217://host:port}
     * opens an {@link Rfc2217BytePort} (ser2net telnet(rfc2217) mode) that sets the remote line to
     * {@code settings}; anything else is a device path opened through jssc with {@code settings}.
     */
    public static BytePort open(String spec, SerialSettings settings) {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tcp://")) {
            return TcpBytePort.open(spec);
        }
        if (lower.startsWith("rfc2217://")) {
            return Rfc2217BytePort.open(spec, settings);
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new PortException(PortException.Kind.OTHER, spec, spec + ": unknown port scheme — use a device path"
                    + " (/dev/ttyUSB0, /dev/serial/by-id/...), tcp://host:port or rfc2217://host:port");
        }
        return JsscBytePort.open(spec, settings);
    }
}
