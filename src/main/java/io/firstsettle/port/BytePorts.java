package io.firstsettle.port;

import java.util.Locale;

/** Opens a {@link BytePort} from the port spec of a terminal profile. */
public final class BytePorts {
    private BytePorts() {
    }

    /**
     * {@code tcp://host:port} opens a {@link TcpBytePort} (ser2net raw mode, ZVT over TCP); {@code rfc2217://} is
     * not supported yet; anything else is a device path opened through jssc with {@code settings}.
     */
    public static BytePort open(String spec, SerialSettings settings) {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith("tcp://")) {
            return TcpBytePort.open(spec);
        }
        if (lower.startsWith("rfc2217://")) {
            throw new PortException(PortException.Kind.OTHER, spec, spec + ": rfc2217:// is not supported yet — export"
                    + " the port with ser2net in raw mode and use tcp://host:port (the baud rate is then set in ser2net)");
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new PortException(PortException.Kind.OTHER, spec, spec + ": unknown port scheme — use a device path"
                    + " (/dev/ttyUSB0, /dev/serial/by-id/...) or tcp://host:port");
        }
        return JsscBytePort.open(spec, settings);
    }
}
