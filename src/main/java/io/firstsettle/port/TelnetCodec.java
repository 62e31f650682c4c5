package io.firstsettle.port;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Telnet byte stream ([RFC 854], [RFC 855]) as a pure state machine: {@link #feed} splits what arrives into data bytes
 * and telnet commands; {@link #escape} and {@link #subnegotiation} build what goes out. No I/O, so an IAC sequence
 * split across reads is simply carried over in the state.
 *
 * <pre>
 *  data 0xFF        : IAC IAC                       (both directions)
 *  negotiation      : IAC WILL|WONT|DO|DONT option
 *  sub-negotiation  : IAC SB option payload.. IAC SE  (0xFF inside the payload doubled as well)
 *  other commands   : IAC NOP|GA|BRK|...            (reported, no data)
 * </pre>
 *
 * Both sides agree on BINARY ([RFC 856]) before data flows, so CR is not followed by NUL and is passed through as is.
 */
public final class TelnetCodec {
    public static final int IAC = 0xFF;
    public static final int DONT = 0xFE;
    public static final int DO = 0xFD;
    public static final int WONT = 0xFC;
    public static final int WILL = 0xFB;
    public static final int SB = 0xFA;
    public static final int SE = 0xF0;

    /** Longest sub-negotiation payload kept; longer ones are dropped and reported as malformed. */
    public static final int MAX_SUBNEGOTIATION = 512;

    /** A telnet command found in the stream. */
    public sealed interface Command {
    }

    /** {@code IAC WILL|WONT|DO|DONT option}. */
    public record Negotiation(int verb, int option) implements Command {
        @Override
        public String toString() {
            return verbName(verb) + " " + option;
        }
    }

    /** {@code IAC SB option payload IAC SE}, payload un-escaped. */
    public record Subnegotiation(int option, byte[] payload) implements Command {
        public Subnegotiation {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public String toString() {
            return "SB " + option + " " + java.util.HexFormat.ofDelimiter(" ").withUpperCase().formatHex(payload) + " SE";
        }
    }

    /** Any other {@code IAC x} (NOP, GA, BRK, ...), or a sub-negotiation that broke off ({@code malformed}). */
    public record Other(int code, String note) implements Command {
    }

    /** What one {@link #feed} produced. */
    public record Decoded(byte[] data, List<Command> commands) {
        public Decoded {
            commands = List.copyOf(commands);
        }
    }

    private enum State { DATA, IAC_SEEN, VERB, SB_OPTION, SB_DATA, SB_IAC }

    private State state = State.DATA;
    private int verb;
    private int sbOption;
    private final ByteArrayOutputStream sb = new ByteArrayOutputStream();
    private boolean sbOverflow;

    /** Feeds {@code len} received bytes from {@code off}; returns the data bytes and commands they complete. */
    public Decoded feed(byte[] in, int off, int len) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(len);
        List<Command> commands = new ArrayList<>();
        for (int i = off; i < off + len; i++) {
            int b = in[i] & 0xFF;
            switch (state) {
                case DATA -> {
                    if (b == IAC) {
                        state = State.IAC_SEEN;
                    } else {
                        data.write(b);
                    }
                }
                case IAC_SEEN -> afterIac(b, data, commands);
                case VERB -> {
                    commands.add(new Negotiation(verb, b));
                    state = State.DATA;
                }
                case SB_OPTION -> {
                    sbOption = b;
                    sb.reset();
                    sbOverflow = false;
                    state = State.SB_DATA;
                }
                case SB_DATA -> {
                    if (b == IAC) {
                        state = State.SB_IAC;
                    } else {
                        sbByte(b);
                    }
                }
                case SB_IAC -> {
                    if (b == IAC) {
                        sbByte(b);
                        state = State.SB_DATA;
                    } else if (b == SE) {
                        commands.add(sbOverflow
                                ? new Other(SB, "sub-negotiation of option " + sbOption + " longer than "
                                        + MAX_SUBNEGOTIATION + " bytes, dropped")
                                : new Subnegotiation(sbOption, sb.toByteArray()));
                        state = State.DATA;
                    } else {
                        // RFC 855: IAC x inside SB other than IAC/SE ends it; x is a command of its own
                        commands.add(new Other(SB, "sub-negotiation of option " + sbOption + " broken off by IAC "
                                + b + " before IAC SE, dropped"));
                        afterIac(b, data, commands);
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return new Decoded(data.toByteArray(), commands);
    }

    private void afterIac(int b, ByteArrayOutputStream data, List<Command> commands) {
        if (b == IAC) {
            data.write(IAC);
            state = State.DATA;
        } else if (b >= WILL) {
            verb = b;
            state = State.VERB;
        } else if (b == SB) {
            state = State.SB_OPTION;
        } else {
            commands.add(new Other(b, "IAC " + b));
            state = State.DATA;
        }
    }

    private void sbByte(int b) {
        if (sb.size() >= MAX_SUBNEGOTIATION) {
            sbOverflow = true;
        } else {
            sb.write(b);
        }
    }

    /** True when the last fed byte left an IAC sequence open (it completes with the next feed). */
    public boolean midCommand() {
        return state != State.DATA;
    }

    /** Data bytes for the wire: every 0xFF doubled. */
    public static byte[] escape(byte[] data) {
        int ffs = 0;
        for (byte b : data) {
            if ((b & 0xFF) == IAC) {
                ffs++;
            }
        }
        if (ffs == 0) {
            return data.clone();
        }
        byte[] out = new byte[data.length + ffs];
        int j = 0;
        for (byte b : data) {
            out[j++] = b;
            if ((b & 0xFF) == IAC) {
                out[j++] = b;
            }
        }
        return out;
    }

    /** {@code IAC verb option}. */
    public static byte[] negotiation(int verb, int option) {
        return new byte[] {(byte) IAC, (byte) verb, (byte) option};
    }

    /** {@code IAC SB option payload IAC SE} with 0xFF in the payload doubled. */
    public static byte[] subnegotiation(int option, byte[] payload) {
        byte[] esc = escape(payload);
        byte[] out = Arrays.copyOf(new byte[] {(byte) IAC, (byte) SB, (byte) option}, 3 + esc.length + 2);
        System.arraycopy(esc, 0, out, 3, esc.length);
        out[out.length - 2] = (byte) IAC;
        out[out.length - 1] = (byte) SE;
        return out;
    }

    static String verbName(int verb) {
        return switch (verb) {
            case WILL -> "WILL";
            case WONT -> "WONT";
            case DO -> "DO";
            case DONT -> "DONT";
            default -> String.valueOf(verb);
        };
    }
}
