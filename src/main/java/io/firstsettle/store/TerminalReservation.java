package io.firstsettle.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A terminal held by this process, so that no other lab host (or process) drives it at the same time.
 * <ul>
 *   <li><b>PostgreSQL</b>: a session-level advisory lock {@code pg_try_advisory_lock(0x4653, hash(terminal))} on a
 *   connection of its own. It lives exactly as long as that database session: a holder that exits, crashes or is
 *   killed loses it as soon as the server sees the connection close (on SIGKILL the kernel closes the socket at once;
 *   the tests measure well under a second). A lab host that vanishes without closing its socket (power cut, cable
 *   pulled) is found by TCP keepalive, which this session sets to 10 s idle + 3 probes 5 s apart: the hold is gone
 *   within about 25 s. A row in {@code lab_terminal_hold} names the holder for others; it is only believed while the
 *   lock is held.</li>
 *   <li><b>SQLite</b> (one host): the row is the hold; a holder process that no longer runs (same pid and start
 *   time) has lost it, so a crashed holder frees the terminal at once.</li>
 * </ul>
 */
public final class TerminalReservation implements AutoCloseable {
    static final int LOCK_CLASS = 0x4653; // "FS"
    private final LabDb db;
    private final String terminal;
    private final Connection conn;
    private final TerminalHold hold;

    private TerminalReservation(LabDb db, String terminal, Connection conn, TerminalHold hold) {
        this.db = db;
        this.terminal = terminal;
        this.conn = conn;
        this.hold = hold;
    }

    static int key(String terminal) {
        return terminal.hashCode() & 0x7fffffff;
    }

    /**
     * Takes the terminal for this process, or fails naming its holder. {@code address} is where this host reaches the
     * terminal ({@code /dev/...}, {@code tcp://}, {@code rfc2217://}); {@code purpose} what the hold is for.
     */
    public static TerminalReservation acquire(LabDb db, String terminal, String address, String purpose)
            throws LabStoreException, TerminalBusyException {
        try (LabStore store = LabStore.open(db)) { // migrations first
            store.seenTerminal(terminal, null, address, Holder.self().host(), System.currentTimeMillis());
        } catch (SQLException e) {
            throw new LabStoreException("lab store " + db + ": cannot note terminal " + terminal + " (" + e.getMessage() + ")", e);
        }
        Connection c = null;
        try {
            c = LabStore.connect(db);
            TerminalHold mine = new TerminalHold(terminal, Holder.self(), System.currentTimeMillis(), purpose);
            TerminalReservation r = db.postgres() ? postgres(db, c, terminal, mine) : sqlite(db, c, terminal, mine);
            c = null;
            return r;
        } catch (SQLException e) {
            throw new LabStoreException("lab store " + db + ": cannot reserve terminal " + terminal + " ("
                    + e.getMessage() + ")", e);
        } finally {
            closeQuietly(c);
        }
    }

    private static TerminalReservation postgres(LabDb db, Connection c, String terminal, TerminalHold mine)
            throws SQLException, TerminalBusyException {
        try (Statement st = c.createStatement()) {
            // a vanished lab host is noticed by the server within ~25 s (10 s idle, then 3 probes 5 s apart)
            st.execute("SET tcp_keepalives_idle = 10");
            st.execute("SET tcp_keepalives_interval = 5");
            st.execute("SET tcp_keepalives_count = 3");
        }
        boolean got;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?), pg_backend_pid()")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, key(terminal));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                got = rs.getBoolean(1);
                if (got) {
                    int backend = rs.getInt(2);
                    writeHold(c, mine, backend);
                }
            }
        }
        if (!got) {
            throw new TerminalBusyException(terminal, holds(c, true).get(terminal), db.shown());
        }
        return new TerminalReservation(db, terminal, c, mine);
    }

    private static TerminalReservation sqlite(LabDb db, Connection c, String terminal, TerminalHold mine)
            throws SQLException, TerminalBusyException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                writeHold(c, mine, null);
                return new TerminalReservation(db, terminal, c, mine);
            } catch (SQLException e) {
                TerminalHold other = holds(c, false).get(terminal);
                if (other != null) {
                    throw new TerminalBusyException(terminal, other, db.shown());
                }
                // a stale row of a holder that no longer runs: take the terminal over (only this exact row)
                try (PreparedStatement del = c.prepareStatement("DELETE FROM lab_terminal_hold WHERE terminal = ?")) {
                    del.setString(1, terminal);
                    del.executeUpdate();
                }
            }
        }
        throw new SQLException("the hold row of " + terminal + " kept changing under this process");
    }

    private static void writeHold(Connection c, TerminalHold h, Integer backendPid) throws SQLException {
        if (backendPid != null) { // PostgreSQL: the lock is ours, the row only names us
            try (PreparedStatement del = c.prepareStatement("DELETE FROM lab_terminal_hold WHERE terminal = ?")) {
                del.setString(1, h.terminal());
                del.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lab_terminal_hold (terminal, holder_user, "
                + "holder_host, holder_pid, holder_start_ms, since_ms, backend_pid, purpose) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            LabStore.bind(ps, h.terminal(), h.holder().user(), h.holder().host(), h.holder().pid(),
                    h.holder().processStartMs(), h.sinceMs(), null, h.purpose());
            if (backendPid != null) {
                ps.setInt(7, backendPid);
            } else {
                ps.setNull(7, java.sql.Types.INTEGER);
            }
            ps.executeUpdate();
        }
    }

    /** The live holds by terminal: rows whose holder still has the lock (PostgreSQL) or still runs (SQLite). */
    static Map<String, TerminalHold> holds(Connection c, boolean postgres) throws SQLException {
        Set<String> liveLocks = new HashSet<>();
        if (postgres) {
            try (PreparedStatement ps = c.prepareStatement("SELECT objid, pid FROM pg_locks WHERE locktype = 'advisory' "
                    + "AND granted AND classid = ? AND objsubid = 2")) {
                ps.setInt(1, LOCK_CLASS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        liveLocks.add(rs.getLong(1) + "/" + rs.getInt(2));
                    }
                }
            }
        }
        Map<String, TerminalHold> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM lab_terminal_hold ORDER BY terminal");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String t = rs.getString("terminal");
                Holder h = new Holder(rs.getString("holder_user"), rs.getString("holder_host"), rs.getLong("holder_pid"),
                        rs.getLong("holder_start_ms"));
                boolean live = postgres ? liveLocks.contains(key(t) + "/" + rs.getInt("backend_pid"))
                        : !h.host().equals(Holder.self().host()) || h.aliveHere();
                if (live) {
                    out.put(t, new TerminalHold(t, h, rs.getLong("since_ms"), rs.getString("purpose")));
                }
            }
        }
        return out;
    }

    /** A terminal the lab knows: where it was last reached from, and its holder if someone holds it now. */
    public record Known(String terminal, String profile, String address, String lastHost, long lastSeenMs,
                        Optional<TerminalHold> hold) {
    }

    /** Every terminal the store knows (used in a run or reserved), with its live hold. */
    public static List<Known> known(LabStore store) throws LabStoreException {
        Connection c = store.connection();
        try {
            Map<String, TerminalHold> holds = holds(c, store.db().postgres());
            List<Known> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM lab_terminal ORDER BY terminal");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String t = rs.getString("terminal");
                    out.add(new Known(t, rs.getString("profile"), rs.getString("address"), rs.getString("host_name"),
                            rs.getLong("last_seen_ms"), Optional.ofNullable(holds.get(t))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LabStoreException("lab store " + store.db() + ": cannot list terminals (" + e.getMessage() + ")", e);
        }
    }

    public TerminalHold hold() {
        return hold;
    }

    public String terminal() {
        return terminal;
    }

    /** Gives the terminal back. A holder that never gets here (killed) loses the hold with its session or process. */
    @Override
    public void close() {
        try {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM lab_terminal_hold WHERE terminal = ? "
                    + "AND holder_pid = ? AND holder_host = ?")) {
                LabStore.bind(ps, terminal, hold.holder().pid(), hold.holder().host());
                ps.executeUpdate();
            }
            if (db.postgres()) {
                try (PreparedStatement ps = conn.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                    ps.setInt(1, LOCK_CLASS);
                    ps.setInt(2, key(terminal));
                    ps.executeQuery().close();
                }
            }
        } catch (SQLException ignored) {
            // the session is gone already, and with it the lock
        } finally {
            closeQuietly(conn);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }
}
