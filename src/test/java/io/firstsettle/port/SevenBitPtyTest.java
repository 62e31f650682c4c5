package io.firstsettle.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import org.junit.jupiter.api.Test;

/**
 * Concert's native line is 9600 7E1 (protocols.md §B), its USB line 8N1. jssc opens a kernel pty with either, and the
 * termios settings reach the line — except that the Linux pty driver forces CS8 and clears PARENB on every
 * {@code tcsetattr} ({@code drivers/tty/pty.c}, {@code pty_set_termios}), so on a pty bytes keep bit 7. A real 7E1 UART
 * delivers 7 bits; the Concert codec therefore clears bit 7 itself on a 7E1 line ({@code ConcertFrameParser.Bit7.STRIP}).
 */
class SevenBitPtyTest {
    // struct termios on Linux: c_iflag @0, c_oflag @4, c_cflag @8, c_lflag @12 (all 32-bit)
    private static final int INPCK = 0x10;
    private static final int PARENB = 0x100;
    private static final int PARODD = 0x200;
    private static final int CSIZE = 0x30;
    private static final int CS7 = 0x20;
    private static final int CS8 = 0x30;
    private static final int CSTOPB = 0x40;

    static final SerialSettings SEVEN_E_ONE = new SerialSettings(9600, 7, 1, SerialSettings.Parity.EVEN);
    static final SerialSettings EIGHT_N_ONE = new SerialSettings(9600, 8, 1, SerialSettings.Parity.NONE);

    @Test
    void jsscOpensAPtyAt7E1AndTheParityRequestReachesTermios() {
        try (PtyPair pair = PtyPair.open(); JsscBytePort port = JsscBytePort.open(pair.slavePath(), SEVEN_E_ONE)) {
            assertTrue(port.isPseudoTerminal());
            assertEquals("9600 7E1", port.settings().toString());
            int[] t = termios(pair.slavePath());
            int iflag = t[0];
            int cflag = t[2];
            assertTrue((iflag & INPCK) != 0, "jssc asked for parity checking (INPCK) for 7E1");
            assertEquals(0, cflag & PARODD, "even parity, not odd");
            assertEquals(0, cflag & CSTOPB, "1 stop bit");
            boolean honoured = (cflag & CSIZE) == CS7 && (cflag & PARENB) != 0;
            boolean ptyForced = (cflag & CSIZE) == CS8 && (cflag & PARENB) == 0;
            assertTrue(honoured || ptyForced, "termios c_cflag " + Integer.toHexString(cflag)
                    + " is neither 7E1 nor the pty driver's forced CS8");
            if (ptyForced) {
                byte[] sent = {0x30, (byte) 0xB1, 0x02, (byte) 0x83};
                pair.master().write(sent);
                byte[] buf = new byte[8];
                int n = port.read(buf, buf.length, 1000);
                assertEquals(4, n);
                assertArrayEquals(sent, java.util.Arrays.copyOf(buf, n),
                        "on a pty bit 7 crosses unchanged: the Concert codec must clear it on a 7E1 line");
            }
        }
    }

    @Test
    void jsscOpensAPtyAt8N1() {
        try (PtyPair pair = PtyPair.open(); JsscBytePort port = JsscBytePort.open(pair.slavePath(), EIGHT_N_ONE)) {
            int[] t = termios(pair.slavePath());
            assertEquals(0, t[0] & INPCK, "no parity checking at 8N1");
            assertEquals(CS8, t[2] & CSIZE);
            assertEquals(0, t[2] & PARENB);
            port.write(new byte[] {0x05});
            byte[] buf = new byte[4];
            assertEquals(1, pair.master().read(buf, 4, 1000));
            assertEquals(0x05, buf[0]);
        }
    }

    private static int[] termios(String path) {
        int fd = Libc.C.open(path, Libc.O_RDWR | Libc.O_NOCTTY);
        assertTrue(fd >= 0, "open " + path + ": " + Libc.describe(Libc.errno()));
        try (Memory m = new Memory(Libc.TERMIOS_SIZE)) {
            m.clear();
            assertEquals(0, Libc.C.tcgetattr(fd, m), "tcgetattr " + path);
            return new int[] {m.getInt(0), m.getInt(4), m.getInt(8), m.getInt(12)};
        } finally {
            Libc.C.close(fd);
        }
    }
}
