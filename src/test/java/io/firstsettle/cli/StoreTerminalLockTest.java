package io.firstsettle.cli;

import io.firstsettle.lab.TerminalLock;
import io.firstsettle.store.LabDb;
import io.firstsettle.store.TerminalReservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A physical run reserves its terminal in the lab store as well as in this machine's lock files: while the store says
 * someone holds the terminal (a {@code terminals hold}, or a run on another machine), the run is refused naming the
 * holder; once released, the run takes it; a store that cannot be reached refuses the run with what to do.
 */
class StoreTerminalLockTest {
    @TempDir
    Path tmp;

    private static final TerminalLock.Holder RUN = TerminalLock.Holder.thisProcess("run-test");

    @Test
    void aTerminalHeldInTheStoreIsRefusedNamingItsHolderAndTakenOnceReleased() throws Exception {
        LabDb db = LabDb.parse(tmp.resolve("lab.db").toString());
        StoreTerminalLock lock = new StoreTerminalLock(db, "bench-3");
        try (TerminalReservation other = TerminalReservation.acquire(db, "bench-3", "rfc2217://lab-pi:4001",
                "firstsettle terminals hold")) {
            TerminalLock.Held held = assertThrows(TerminalLock.Held.class,
                    () -> lock.acquire("29110001", "rfc2217://lab-pi:4001", RUN));
            assertTrue(held.getMessage().contains("terminal bench-3 is held by")
                    && held.getMessage().contains("pid " + ProcessHandle.current().pid())
                    && held.getMessage().contains("firstsettle terminals hold"), held.getMessage());
        }
        TerminalLock.Hold mine = lock.acquire("29110001", "rfc2217://lab-pi:4001", RUN);
        TerminalLock.Held second = assertThrows(TerminalLock.Held.class,
                () -> lock.acquire("29110001", "rfc2217://lab-pi:4001", RUN), "a second run while this one holds it");
        assertTrue(second.getMessage().contains("firstsettle run run-test (TID 29110001)"), second.getMessage());
        mine.close();
        lock.acquire("29110001", "rfc2217://lab-pi:4001", RUN).close(); // released: free again
    }

    @Test
    void aStoreThatCannotBeReachedRefusesTheRunSayingWhatToDo() {
        LabDb db = LabDb.parse("postgresql://firstsettle@127.0.0.1:1/lab");
        TerminalLock.Held held = assertThrows(TerminalLock.Held.class,
                () -> new StoreTerminalLock(db, "bench-3").acquire("29110001", "/dev/ttyUSB0", RUN));
        assertTrue(held.getMessage().contains("terminal bench-3 (TID 29110001) cannot be reserved")
                && held.getMessage().contains("--lab-db"), held.getMessage());
    }
}
