package io.firstsettle.ecr.zvt.link;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.ApduAssembler;
import io.firstsettle.ecr.zvt.message.ZvtTraceDecoder;
import io.firstsettle.core.EventSink;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.PortException;
import io.firstsettle.port.TcpBytePort;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * ZVT over TCP ([ZVT-TP] §4.1): bare APDUs, no DLE STX framing, no CRC, no ACK/NAK, no repeats (TCP delivers or
 * breaks). One reader thread cuts the stream into APDUs by their length field ({@link ApduAssembler}); T3 and T4 stay
 * with the application above ({@link EcrClient}). The same class serves the ECR, which connects
 * ({@link #connect}), and an Ethernet PT, which accepts ({@link ZvtTcpServer}).
 */
public final class TcpZvtLink implements ApduLink {
    /** The ZVT port of an Ethernet terminal unless its profile says otherwise ([ZVT-TP] §4.1). */
    public static final int DEFAULT_PORT = 20007;

    private final BytePort port;
    private final EventSink events;
    private final String role;
    private final LinkState state;
    private final Thread reader;

    /**
     * @param role "ecr" or "terminal": who this side is, for the evidence
     */
    public TcpZvtLink(BytePort port, EventSink events, String role) {
        this.port = port;
        this.events = events;
        this.role = role;
        this.state = new LinkState("the ZVT connection " + port.name());
        this.reader = new Thread(this::readLoop, "zvt-tcp-" + role + "-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** The ECR side: connects to {@code tcp://host:port} (the terminal's ZVT port, usually 20007). */
    public static TcpZvtLink connect(String spec, EventSink events) {
        return new TcpZvtLink(TcpBytePort.open(spec), events, "ecr");
    }

    @Override
    public String name() {
        return port.name();
    }

    @Override
    public void send(Apdu apdu) {
        checkAlive();
        try {
            port.write(apdu.encode());
        } catch (PortException e) {
            state.failed(e);
            throw new ZvtLinkException(e.getMessage(), e);
        }
        events.record(role, "zvt-out", Map.of("apdu", apdu.toString()));
    }

    /** The next APDU; a line that dies during the wait throws {@link ZvtLinkException} within 20 ms. */
    @Override
    public Optional<Apdu> receive(Duration realTimeout) {
        return state.receive(realTimeout);
    }

    /** Neither closed nor broken (the peer has not gone as far as the reader has seen). */
    boolean alive() {
        return !state.closed() && state.failure() == null;
    }

    private void checkAlive() {
        state.checkAlive();
    }

    private void readLoop() {
        ApduAssembler assembler = new ApduAssembler();
        byte[] buf = new byte[4095];
        while (!state.closed()) {
            try {
                int n = port.read(buf, buf.length, 50);
                for (Apdu a : assembler.feed(buf, 0, n)) {
                    events.record(role, "zvt-in", Map.of("apdu", a.toString()));
                    state.delivered(a);
                }
            } catch (PortException e) {
                if (!state.closed()) {
                    String cut = assembler.midApdu() ? " after " + assembler.pending().length
                            + " bytes of an unfinished APDU (" + ZvtTraceDecoder.maskedHex(assembler.pending()) + ")" : "";
                    state.failed(new PortException(e.kind(), name(), e.getMessage() + cut, e));
                    events.record(role, "link-gone", Map.of("port", name(), "error", String.valueOf(state.failure().getMessage())));
                }
                return;
            } catch (RuntimeException e) {
                if (!state.closed()) {
                    state.failed(e);
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        state.close();
        reader.interrupt();
        try {
            reader.join(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.close();
    }

    @Override
    public String toString() {
        return "TcpZvtLink[" + name() + ", " + role + "]";
    }
}
