package io.firstsettle.port;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One COM-PORT-OPTION client command ([RFC 2217]), the thin layer firstsettle keeps above commons-net's Telnet: what
 * goes inside {@code IAC SB 44 ... IAC SE}. commons-net frames it (and doubles 0xFF in it); the port server answers
 * with the same command code + 100 and the value it set.
 *
 * <pre>
 *  IAC SB 44 | code | value ...                      | IAC SE
 *  FF  FA 2C |  01  | baud, 4 bytes big-endian       | FF  F0     SET-BAUDRATE  (9600 = 00 00 25 80)
 *            |  02  | data bits 5..8                 |            SET-DATASIZE
 *            |  03  | 1 NONE 2 ODD 3 EVEN 4 MARK 5 SPACE          SET-PARITY
 *            |  04  | 1 = 1, 2 = 2, 3 = 1.5 stop bits             SET-STOPSIZE
 *            |  05  | 8 DTR ON, 9 DTR OFF, 11 RTS ON, 12 RTS OFF  SET-CONTROL (RFC 2217, "Set Control")
 * </pre>
 *
 * @param code  the client command code (1..5 here)
 * @param value the value bytes after the code
 */
public record ComPortCommand(int code, byte[] value) {
    /** The Telnet option number of COM-PORT-OPTION. */
    public static final int OPTION = 44;
    /** A server's answer carries the client code + 100 ([RFC 2217], "Server to Client"). */
    public static final int SERVER_OFFSET = 100;

    public static final int SET_BAUDRATE = 1;
    public static final int SET_DATASIZE = 2;
    public static final int SET_PARITY = 3;
    public static final int SET_STOPSIZE = 4;
    public static final int SET_CONTROL = 5;

    /** SET-CONTROL values for the modem lines ([RFC 2217]: 7/10 ask for the state, 8/9 DTR, 11/12 RTS). */
    public static final int DTR_ON = 8;
    public static final int DTR_OFF = 9;
    public static final int RTS_ON = 11;
    public static final int RTS_OFF = 12;

    public ComPortCommand {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public static ComPortCommand baudRate(int baud) {
        return new ComPortCommand(SET_BAUDRATE,
                new byte[] {(byte) (baud >>> 24), (byte) (baud >>> 16), (byte) (baud >>> 8), (byte) baud});
    }

    public static ComPortCommand dataSize(int bits) {
        return new ComPortCommand(SET_DATASIZE, new byte[] {(byte) bits});
    }

    public static ComPortCommand parity(SerialSettings.Parity p) {
        int v = switch (p) {
            case NONE -> 1;
            case ODD -> 2;
            case EVEN -> 3;
            case MARK -> 4;
            case SPACE -> 5;
        };
        return new ComPortCommand(SET_PARITY, new byte[] {(byte) v});
    }

    public static ComPortCommand stopSize(int stopBits) {
        return new ComPortCommand(SET_STOPSIZE, new byte[] {(byte) stopBits});
    }

    public static ComPortCommand dtr(boolean on) {
        return new ComPortCommand(SET_CONTROL, new byte[] {(byte) (on ? DTR_ON : DTR_OFF)});
    }

    public static ComPortCommand rts(boolean on) {
        return new ComPortCommand(SET_CONTROL, new byte[] {(byte) (on ? RTS_ON : RTS_OFF)});
    }

    /** The answer code the server sends back for this command. */
    public int answerCode() {
        return code + SERVER_OFFSET;
    }

    /** Option code, command code and value as commons-net's {@code TelnetClient.sendSubnegotiation} takes them. */
    public int[] subnegotiation() {
        int[] m = new int[2 + value.length];
        m[0] = OPTION;
        m[1] = code;
        for (int i = 0; i < value.length; i++) {
            m[2 + i] = value[i] & 0xFF;
        }
        return m;
    }

    /** Whether {@code answer} (the value of the server's code + 100) says the server set what was asked. */
    public boolean acceptedBy(byte[] answer) {
        return Arrays.equals(value, answer);
    }

    /**
     * Whether {@code answer} answers this command at all. SET-CONTROL carries several settings under one code (flow
     * control, break, DTR, RTS): a server may report another of them on its own, which is no answer to a DTR or RTS
     * command.
     */
    public boolean answeredBy(byte[] answer) {
        if (code != SET_CONTROL) {
            return true;
        }
        if (answer.length != 1 || value.length != 1) {
            return false;
        }
        return group(answer[0] & 0xFF) == group(value[0] & 0xFF);
    }

    private static int group(int control) {
        if (control >= 7 && control <= 9) {
            return 1; // DTR
        }
        if (control >= 10 && control <= 12) {
            return 2; // RTS
        }
        return 0;
    }

    /** The command's name as in the RFC, with the value in words where it has some. */
    @Override
    public String toString() {
        return name(code) + (code == SET_CONTROL && value.length == 1 ? " " + controlName(value[0] & 0xFF)
                : " " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(value));
    }

    public static String name(int code) {
        return switch (code) {
            case SET_BAUDRATE -> "SET-BAUDRATE";
            case SET_DATASIZE -> "SET-DATASIZE";
            case SET_PARITY -> "SET-PARITY";
            case SET_STOPSIZE -> "SET-STOPSIZE";
            case SET_CONTROL -> "SET-CONTROL";
            default -> "COM-PORT command " + code;
        };
    }

    public static String controlName(int value) {
        return switch (value) {
            case DTR_ON -> "DTR ON";
            case DTR_OFF -> "DTR OFF";
            case RTS_ON -> "RTS ON";
            case RTS_OFF -> "RTS OFF";
            default -> "control value " + value;
        };
    }

    /** Reads a 4-byte big-endian baud rate answer; -1 when it is not 4 bytes. */
    public static int baud(byte[] answer) {
        return answer.length == 4 ? ((answer[0] & 0xFF) << 24 | (answer[1] & 0xFF) << 16 | (answer[2] & 0xFF) << 8
                | (answer[3] & 0xFF)) : -1;
    }
}
