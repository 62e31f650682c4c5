package io.firstsettle.emulator;

import io.firstsettle.core.CardData;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.IsoFrameFormat;
import io.firstsettle.core.LabClock;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.channel.NACChannel;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The emulated terminal's line to the acquirer host: ISO 8583 over TCP with a 2-byte length and a TPDU header
 * (jPOS {@link NACChannel}). One connection per exchange, as dial-up heritage terminals do, so a host restart or a
 * link fault between two messages is seen exactly as a real terminal sees it.
 */
public final class IsoTerminalClient {
    /** The answer to one exchange: the response, or why there is none. */
    public record Exchange(Optional<ISOMsg> response, String failure, boolean timedOut) {
    }

    private final String host;
    private final int port;
    private final ISOPackager packager;
    private final byte[] tpdu;
    private final LabClock clock;
    private final EventSink events;
    /** The terminal lost power: nothing more leaves it. */
    private volatile boolean off;
    /** The connection of the exchange in flight, so a power cut can end it. */
    private volatile NACChannel current;

    public IsoTerminalClient(String host, int port, ISOPackager packager, String tpduHex, LabClock clock,
                             EventSink events) {
        this.host = host;
        this.port = port;
        this.packager = packager;
        this.tpdu = IsoFrameFormat.ofHeaderHex(tpduHex).header(); // the host dialect's framing: 5 or 11 bytes
        this.clock = clock;
        this.events = events;
    }

    public String address() {
        return host + ":" + port;
    }

    /**
     * The terminal's power is cut: the exchange in flight loses its connection at once and no later one is sent (a
     * dead terminal sends nothing, not even the reversal a thread still running in the emulator would send).
     */
    public void cut() {
        off = true;
        NACChannel c = current;
        if (c != null) {
            try {
                c.disconnect();
            } catch (IOException ignored) {
                // the connection is going away either way
            }
        }
    }

    /** Sends {@code request} and waits at most {@code labTimeout} (lab time) for the answer. */
    public Exchange exchange(ISOMsg request, Duration labTimeout) {
        if (off) {
            return new Exchange(Optional.empty(), "the terminal is off (power cut): nothing was sent", false);
        }
        NACChannel channel = new NACChannel(host, port, packager, tpdu.clone());
        current = channel;
        int realMs = (int) Math.max(50, clock.toRealMillis(labTimeout));
        try {
            request.setPackager(packager);
            channel.setTimeout(realMs);
            channel.connect();
            events.record("terminal", "iso-out", describe(request));
            channel.send(request);
            ISOMsg response = channel.receive();
            events.record("terminal", "iso-in", describe(response));
            return new Exchange(Optional.of(response), null, false);
        } catch (SocketTimeoutException e) {
            events.record("terminal", "iso-timeout", Map.of("host", address(), "waitedLabMs", labTimeout.toMillis()));
            return new Exchange(Optional.empty(), "no answer from the host " + address() + " within "
                    + labTimeout.toSeconds() + " s (lab)", true);
        } catch (IOException | ISOException e) {
            events.record("terminal", "iso-link-error", Map.of("host", address(), "error", String.valueOf(e)));
            return new Exchange(Optional.empty(), "host " + address() + " unreachable: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() + " (the connection closed without an answer)"
                    : e.getMessage()), false);
        } finally {
            current = null;
            try {
                channel.disconnect();
            } catch (IOException ignored) {
                // the connection is going away either way
            }
        }
    }

    static Map<String, Object> describe(ISOMsg m) {
        Map<String, Object> f = new LinkedHashMap<>();
        try {
            f.put("mti", m.getMTI());
        } catch (ISOException e) {
            f.put("mti", "?");
        }
        for (int i = 2; i <= m.getMaxField(); i++) {
            if (m.hasField(i)) {
                String v = m.getString(i);
                if (i == 2) {
                    v = CardData.mask(v);
                } else if (i == 35) {
                    v = CardData.maskText(v);
                } else if (i == 52 || i == 62 || i == 64) {
                    v = "[" + (m.getBytes(i) == null ? 0 : m.getBytes(i).length) + " bytes]";
                }
                f.put("DE" + i, v);
            }
        }
        return f;
    }
}
