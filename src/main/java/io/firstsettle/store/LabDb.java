package io.firstsettle.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the lab store lives: an embedded SQLite file (the default, {@code ~/.firstsettle/lab.db}) or a lab's shared
 * PostgreSQL ({@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?PARAMS]}). {@link #shown()} never contains the
 * password.
 */
public record LabDb(String jdbcUrl, String user, String password, boolean postgres, String shown) {
    /** The environment variable a lab host sets once instead of passing {@code --lab-db} to every command. */
    public static final String ENV = "FIRSTSETTLE_LAB_DB";

    /**
     * The store to use: {@code --lab-db} if given, else {@value #ENV}, else {@code ~/.firstsettle/lab.db}.
     */
    public static LabDb resolve(String option, Map<String, String> env, Path userHome) {
        if (option != null && !option.isBlank()) {
            return parse(option.trim());
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return parse(fromEnv.trim());
        }
        return sqlite(userHome.resolve(".firstsettle").resolve("lab.db"));
    }

    /** A PostgreSQL URL ({@code postgresql://}, {@code postgres://}, {@code jdbc:postgresql:}) or a SQLite file path. */
    public static LabDb parse(String spec) {
        if (spec.startsWith("jdbc:postgresql:")) {
            return new LabDb(spec, null, null, true, spec.replaceAll("password=[^&]*", "password=***"));
        }
        if (spec.startsWith("postgresql://") || spec.startsWith("postgres://")) {
            return postgres(spec);
        }
        if (spec.startsWith("sqlite:")) {
            return sqlite(Path.of(spec.substring("sqlite:".length())));
        }
        if (spec.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("--lab-db " + spec + ": unknown kind of store; give a file path for "
                    + "SQLite or postgresql://USER@HOST:PORT/DB for a lab's PostgreSQL");
        }
        return sqlite(Path.of(spec));
    }

    static LabDb sqlite(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return new LabDb("jdbc:sqlite:" + abs, null, null, false, abs.toString());
    }

    private static LabDb postgres(String spec) {
        try {
            URI u = new URI(spec);
            if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2) {
                throw new IllegalArgumentException("--lab-db " + spec + ": give postgresql://USER@HOST[:PORT]/DATABASE");
            }
            String user = null;
            String password = null;
            if (u.getRawUserInfo() != null) {
                String[] up = u.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(up[0], StandardCharsets.UTF_8);
                password = up.length > 1 ? URLDecoder.decode(up[1], StandardCharsets.UTF_8) : null;
            }
            String hostPort = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
            String jdbc = "jdbc:postgresql://" + hostPort + u.getRawPath() + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "");
            String shown = "postgresql://" + (user != null ? user + "@" : "") + hostPort + u.getRawPath();
            return new LabDb(jdbc, user, password, true, shown);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--lab-db " + spec + ": not a URL (" + e.getReason()
                    + "); give postgresql://USER@HOST[:PORT]/DATABASE", e);
        }
    }

    @Override
    public String toString() {
        return shown;
    }
}
