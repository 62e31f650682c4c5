package io.firstsettle.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A throwaway PostgreSQL server for the tests, from Debian's {@code postgresql} package
 * ({@code /usr/lib/postgresql/N/bin}): initdb into a temp folder, listening on 127.0.0.1 at a free port with its unix
 * socket in that folder, trust authentication, fsync off; started once per test JVM, stopped (immediate) and deleted
 * at JVM exit. As root, initdb and pg_ctl run as the {@code postgres} user through {@code runuser} (PostgreSQL refuses
 * root); as another user, as that user.
 */
public final class PgServer {
    private static PgServer shared;
    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean root;

    private PgServer(Path dir, Path bin, int port, boolean root) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.root = root;
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized PgServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "stop test PostgreSQL"));
        }
        return shared;
    }

    /** {@code postgresql://postgres@127.0.0.1:PORT/postgres}, as a lab would give it to {@code --lab-db}. */
    public String url() {
        return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
    }

    /** A fresh database on this server, so tests do not see each other's runs. */
    public String freshDatabase(String name) {
        psql("DROP DATABASE IF EXISTS " + name);
        psql("CREATE DATABASE " + name);
        return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
    }

    private void psql(String sql) {
        run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql), 30);
    }

    private static PgServer start() {
        Path bin = findBin();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory(root ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir")),
                    "firstsettle-pg-");
            if (root) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            }
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            PgServer pg = new PgServer(dir, bin, port, root);
            pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
                    "-U", "postgres", "-E", "UTF8", "--no-sync"), 120);
            pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"), 90);
            return pg;
        } catch (IOException e) {
            return fail("cannot set up a temp folder for the test PostgreSQL: " + e);
        }
    }

    private static Path findBin() {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException ignored) {
                // fall through to the message below
            }
        }
        return fail("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install Debian's "
                + "postgresql package (apt-get install postgresql; .ci/run does this); the lab store tests start a "
                + "throwaway server from it");
    }

    private void run(List<String> command, int seconds) {
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in " + seconds + " s");
            }
            if (p.exitValue() != 0) {
                String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                fail(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                        + new String(out, StandardCharsets.UTF_8) + log);
            }
        } catch (IOException e) {
            fail("cannot run " + command.get(0) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while running " + command.get(0));
        }
    }

    private void stop() {
        try {
            List<String> cmd = new ArrayList<>();
            if (root) {
                cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            cmd.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                    "immediate", "-w", "-t", "30", "stop"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(40, TimeUnit.SECONDS);
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (IOException | InterruptedException ignored) {
            // best effort at JVM exit; the folder is under /tmp
        }
    }
}
