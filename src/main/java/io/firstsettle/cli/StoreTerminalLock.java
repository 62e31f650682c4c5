package io.firstsettle.cli;

import io.firstsettle.lab.TerminalLock;
import io.firstsettle.store.LabDb;
import io.firstsettle.store.LabStoreException;
import io.firstsettle.store.TerminalBusyException;
import io.firstsettle.store.TerminalReservation;

/**
 * {@link TerminalLock} on the lab store: the terminal is reserved by its profile name in the lab's database (a
 * PostgreSQL advisory lock shared by every machine of the lab, or the SQLite store's holder row), the same reservation
 * {@code firstsettle terminals hold NAME} takes. A run on one machine is then refused while a run or a person on
 * another machine holds the terminal, which the lock files of {@link io.firstsettle.lab.FileTerminalLock} cannot see.
 * A store that cannot be reached refuses the run too: running anyway could put two runs on one terminal.
 */
final class StoreTerminalLock implements TerminalLock {
    private final LabDb db;
    private final String terminal;

    /**
     * @param db       the lab store ({@code --lab-db}, {@code $FIRSTSETTLE_LAB_DB}, else ~/.firstsettle/lab.db)
     * @param terminal the terminal profile's name: the key {@code terminals hold} uses
     */
    StoreTerminalLock(LabDb db, String terminal) {
        this.db = db;
        this.terminal = terminal;
    }

    @Override
    public Hold acquire(String tid, String port, Holder run) {
        try {
            TerminalReservation r = TerminalReservation.acquire(db, terminal, port,
                    "firstsettle run " + run.run() + " (TID " + tid + ")");
            return r::close;
        } catch (TerminalBusyException e) {
            throw new Held(e.getMessage() + " (a 'firstsettle terminals hold' or a run on any machine of the lab)");
        } catch (LabStoreException e) {
            throw new Held("terminal " + terminal + " (TID " + tid + ") cannot be reserved: " + e.getMessage()
                    + ". Start the lab store, or give a reachable one with --lab-db; the run does not start unreserved, "
                    + "so that no two runs share a terminal");
        }
    }
}
