package io.firstsettle.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The lab's memory: runs, scenario results and terminals in SQLite or PostgreSQL. {@link #open} connects (bounded:
 * 5 s) and applies the schema migrations ({@code io/firstsettle/store/migration/V*.sql}, Flyway; the same SQL on both
 * databases); every write is one transaction.
 */
public final class LabStore implements AutoCloseable {
    static final int CONNECT_TIMEOUT_SECONDS = 5;
    private final LabDb db;
    private final Connection conn;

    private LabStore(LabDb db, Connection conn) {
        this.db = db;
        this.conn = conn;
    }

    /** Connects and migrates; the exception's message says which store and what to do. */
    public static LabStore open(LabDb db) throws LabStoreException {
        try {
            if (!db.postgres()) {
                Path file = Path.of(db.jdbcUrl().substring("jdbc:sqlite:".length()));
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            migrate(db);
            return new LabStore(db, connect(db));
        } catch (IOException e) {
            throw new LabStoreException("lab store " + db + ": cannot create its folder (" + e.getMessage()
                    + "); pass --lab-db PATH to a writable place", e);
        } catch (SQLException | FlywayException e) {
            throw new LabStoreException("lab store " + db + ": " + firstLine(e) + (db.postgres()
                    ? "; check that the server runs, the URL (user, host, port, database) and the password"
                    : "; check that the file is a firstsettle lab store and writable"), e);
        }
    }

    static Connection connect(LabDb db) throws SQLException {
        Properties p = new Properties();
        if (db.user() != null) {
            p.setProperty("user", db.user());
        }
        if (db.password() != null) {
            p.setProperty("password", db.password());
        }
        if (db.postgres()) {
            p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
            p.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
            p.setProperty("tcpKeepAlive", "true");
            p.setProperty("ApplicationName", "firstsettle " + Holder.self().describe());
        } else {
            p.setProperty("busy_timeout", "10000"); // another process on this host writing the same file
            p.setProperty("foreign_keys", "true");
        }
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }

    /** Stores migrated by this JVM: Flyway validates once per process, not at every open. */
    private static final java.util.Set<String> MIGRATED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void migrate(LabDb db) {
        if (MIGRATED.contains(db.jdbcUrl())) {
            return;
        }
        var config = Flyway.configure(LabStore.class.getClassLoader())
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:io/firstsettle/store/migration")
                .table("lab_schema_history")
                .connectRetries(0);
        if (db.postgres()) {
            config = config.connectRetriesInterval(1);
        }
        config.load().migrate();
        MIGRATED.add(db.jdbcUrl());
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank()
                || t instanceof FlywayException)) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl).trim() : m.trim();
    }

    public LabDb db() {
        return db;
    }

    Connection connection() {
        return conn;
    }

    /** Stores one run part and its results in one transaction; the run row is created by its first part. */
    public void record(RunRecord r) throws LabStoreException {
        try {
            conn.setAutoCommit(false);
            try {
                if (!exists("SELECT 1 FROM lab_run WHERE run_id = ?", r.runId())) {
                    update("INSERT INTO lab_run (run_id, kind, created_ms) VALUES (?, ?, ?)", r.runId(), r.kind(),
                            r.startedMs());
                }
                RunRecord.Terminal t = r.terminal();
                update("INSERT INTO lab_run_part (part_id, run_id, started_ms, ended_ms, user_name, host_name, "
                                + "catalogue_rev, harness_version, terminal_profile, protocol, vendor, model, tid, "
                                + "software_version, tags, defects, time_scale, report_dir) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        r.partId(), r.runId(), r.startedMs(), r.endedMs(), r.user(), r.host(), r.catalogueRev(),
                        r.harnessVersion(), t.profile(), t.protocol(), t.vendor(), t.model(), t.tid(),
                        t.softwareVersion(), r.tags(), r.defects(), r.scale(), r.reportDir());
                try (PreparedStatement ps = conn.prepareStatement("INSERT INTO lab_scenario_result (part_id, seq, "
                        + "scenario, location, status, verdict, expected_verdict, cause, faults, duration_ms, "
                        + "evidence_path, evidence_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (RunRecord.Result s : r.results()) {
                        bind(ps, r.partId(), s.seq(), s.scenario(), s.location(), s.status(), s.verdict(),
                                s.expectedVerdict(), s.cause(), s.faults(), s.durationMs(), s.evidencePath(),
                                s.evidenceSha256());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                seenTerminal(t.tid() != null ? t.tid() : t.profile(), t.profile(), null, r.host(), r.endedMs());
                conn.commit();
            } catch (SQLException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LabStoreException("lab store " + db + ": could not record run " + r.runId() + " ("
                    + firstLine(e) + ")", e);
        }
    }

    /** Notes that a terminal was used or reserved from {@code host}; keeps its last known address. */
    void seenTerminal(String terminal, String profile, String address, String host, long atMs) throws SQLException {
        if (terminal == null) {
            return;
        }
        if (exists("SELECT 1 FROM lab_terminal WHERE terminal = ?", terminal)) {
            update("UPDATE lab_terminal SET profile = COALESCE(?, profile), address = COALESCE(?, address), "
                    + "host_name = ?, last_seen_ms = ? WHERE terminal = ?", profile, address, host, atMs, terminal);
        } else {
            update("INSERT INTO lab_terminal (terminal, profile, address, host_name, last_seen_ms) VALUES (?, ?, ?, ?, ?)",
                    terminal, profile, address, host, atMs);
        }
    }

    /** Every part of every run, newest first, optionally only on one terminal (TID) and since a time. */
    public List<RunRecord> runs(int limit, String tid, Long sinceMs) throws LabStoreException {
        StringBuilder sql = new StringBuilder("SELECT * FROM lab_run_part p JOIN lab_run r ON r.run_id = p.run_id WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (tid != null) {
            sql.append(" AND (p.tid = ? OR p.terminal_profile = ?)");
            args.add(tid);
            args.add(tid);
        }
        if (sinceMs != null) {
            sql.append(" AND p.started_ms >= ?");
            args.add(sinceMs);
        }
        sql.append(" ORDER BY p.started_ms DESC, p.part_id DESC");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        return parts(sql.toString(), args.toArray());
    }

    /** The parts of one run (one per lab host), oldest first. */
    public List<RunRecord> run(String runId) throws LabStoreException {
        List<RunRecord> parts = parts("SELECT * FROM lab_run_part p JOIN lab_run r ON r.run_id = p.run_id "
                + "WHERE p.run_id = ? ORDER BY p.started_ms, p.part_id", runId);
        return parts;
    }

    /**
     * The run part the new/known/fixed marks compare against: the latest earlier part on the same terminal (TID),
     * whatever its firmware. {@code detect} runs compare only with the detect run of the same emulated defects.
     */
    public Optional<RunRecord> previousOnTerminal(RunRecord current) throws LabStoreException {
        if (current.terminal().tid() == null) {
            return Optional.empty();
        }
        boolean detect = "detect".equals(current.kind());
        String defects = current.defects() == null ? "" : current.defects();
        for (RunRecord r : parts("SELECT * FROM lab_run_part p JOIN lab_run r ON r.run_id = p.run_id "
                        + "WHERE p.tid = ? AND p.part_id <> ? AND p.started_ms <= ? "
                        + "ORDER BY p.started_ms DESC, p.part_id DESC LIMIT 200",
                current.terminal().tid(), current.partId(), current.startedMs())) {
            boolean otherDetect = "detect".equals(r.kind());
            if (otherDetect == detect && (!detect || defects.equals(r.defects() == null ? "" : r.defects()))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private List<RunRecord> parts(String sql, Object... args) throws LabStoreException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            List<RunRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunRecord(rs.getString("run_id"), rs.getString("part_id"), rs.getString("kind"),
                            rs.getLong("started_ms"), rs.getLong("ended_ms"), rs.getString("user_name"),
                            rs.getString("host_name"), rs.getString("catalogue_rev"), rs.getString("harness_version"),
                            new RunRecord.Terminal(rs.getString("terminal_profile"), rs.getString("protocol"),
                                    rs.getString("vendor"), rs.getString("model"), rs.getString("tid"),
                                    rs.getString("software_version")),
                            rs.getString("tags"), rs.getString("defects"), rs.getDouble("time_scale"),
                            rs.getString("report_dir"), List.of()));
                }
            }
            List<RunRecord> full = new ArrayList<>();
            for (RunRecord r : out) {
                full.add(new RunRecord(r.runId(), r.partId(), r.kind(), r.startedMs(), r.endedMs(), r.user(), r.host(),
                        r.catalogueRev(), r.harnessVersion(), r.terminal(), r.tags(), r.defects(), r.scale(),
                        r.reportDir(), results(r.partId())));
            }
            return full;
        } catch (SQLException e) {
            throw new LabStoreException("lab store " + db + ": query failed (" + firstLine(e) + ")", e);
        }
    }

    private List<RunRecord.Result> results(String partId) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM lab_scenario_result WHERE part_id = ? ORDER BY seq")) {
            ps.setString(1, partId);
            List<RunRecord.Result> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunRecord.Result(rs.getInt("seq"), rs.getString("scenario"), rs.getString("location"),
                            rs.getString("status"), rs.getString("verdict"), rs.getString("expected_verdict"),
                            rs.getString("cause"), rs.getString("faults"), rs.getLong("duration_ms"),
                            rs.getString("evidence_path"), rs.getString("evidence_sha256")));
                }
            }
            return out;
        }
    }

    private boolean exists(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (a instanceof Long n) {
                ps.setLong(i + 1, n);
            } else if (a instanceof Double d) {
                ps.setDouble(i + 1, d);
            } else {
                ps.setString(i + 1, a.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing a connection that already broke: nothing left to release
        }
    }
}
