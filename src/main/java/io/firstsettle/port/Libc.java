package io.firstsettle.port;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few libc calls the pty pair needs (Linux, glibc). Package-private: nothing outside {@code port} sees fds. */
interface Libc extends Library {
    Libc C = Native.load("c", Libc.class);

    int O_RDWR = 0x2;
    int O_NOCTTY = 0x100;
    int O_NONBLOCK = 0x800;
    int F_GETFL = 3;
    int F_SETFL = 4;
    int TCSANOW = 0;
    int TCIOFLUSH = 2;

    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;

    int EINTR = 4;
    int EIO = 5;
    int EAGAIN = 11;

    /** sizeof(struct termios) is 60 on Linux; a larger opaque buffer is safe for tcgetattr/cfmakeraw/tcsetattr. */
    int TERMIOS_SIZE = 256;

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    int ptsname_r(int fd, byte[] buf, NativeLong buflen);

    int open(String path, int flags);

    int close(int fd);

    int fcntl(int fd, int cmd, int arg);

    int tcgetattr(int fd, Pointer termios);

    void cfmakeraw(Pointer termios);

    int tcsetattr(int fd, int optionalActions, Pointer termios);

    int tcflush(int fd, int queue);

    NativeLong read(int fd, byte[] buf, NativeLong count);

    NativeLong write(int fd, byte[] buf, NativeLong count);

    int poll(Pointer fds, NativeLong nfds, int timeoutMillis);

    int isatty(int fd);

    String strerror(int errnum);

    static int errno() {
        return Native.getLastError();
    }

    static String describe(int errno) {
        return C.strerror(errno) + " (errno " + errno + ")";
    }

    /**
     * Polls one fd.
     *
     * @return the revents bits, 0 on timeout
     */
    static short pollOne(int fd, short events, int timeoutMillis) {
        try (Memory pfd = new Memory(8)) {
            pfd.setInt(0, fd);
            pfd.setShort(4, events);
            pfd.setShort(6, (short) 0);
            while (true) {
                int n = C.poll(pfd, new NativeLong(1), timeoutMillis);
                if (n < 0) {
                    int e = errno();
                    if (e == EINTR) {
                        continue;
                    }
                    throw new IllegalStateException("poll(fd " + fd + ") failed: " + describe(e));
                }
                return n == 0 ? 0 : pfd.getShort(6);
            }
        }
    }
}
