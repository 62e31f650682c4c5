package io.firstsettle.lab;

import java.nio.file.Path;

/** A second process for {@link FileTerminalLockTest}: takes a terminal, says so, and holds it until killed or stdin ends. */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        TerminalLock.Hold hold = new FileTerminalLock(Path.of(args[0])).acquire(args[1], args[2],
                TerminalLock.Holder.thisProcess(args[3]));
        System.out.println("held");
        System.out.flush();
        System.in.read(); // the test kills this process; a clean end releases the lock too
        hold.close();
    }
}
