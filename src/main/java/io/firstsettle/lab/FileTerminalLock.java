package io.firstsettle.lab;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TerminalLock} on lock files: {@code DIR/tid-<TID>.lock} and {@code DIR/port-<port>.lock}, each held with an
 * OS file lock ({@link FileChannel#tryLock()}) for as long as the run lasts, with the holder written inside. The OS
 * drops the lock when the holding process ends, however it ends (kill -9 included), so a crashed run never blocks the
 * bench; the holder text left in the file is only read to name a live holder. Works between processes on one machine
 * (and on a shared NFS directory where the server supports fcntl locks); a lab with several machines sharing terminals
 * uses a database reservation instead.
 */
public final class FileTerminalLock implements TerminalLock {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Locks held by this JVM, by file: a second acquire from the same process is refused like any other. */
    private static final Map<Path, Holder> HELD_HERE = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path dir;

    public FileTerminalLock(Path dir) {
        this.dir = dir;
    }

    /** The lab's lock directory: {@code <lab state>/locks} (see {@link LabState}). */
    public static FileTerminalLock standard() {
        return new FileTerminalLock(LabState.root().resolve("locks"));
    }

    @Override
    public Hold acquire(String tid, String port, Holder run) {
        List<Runnable> release = new ArrayList<>();
        try {
            release.add(lockOne(dir.resolve("tid-" + safe(tid) + ".lock"), "terminal " + tid, run));
            release.add(lockOne(dir.resolve("port-" + safe(port) + ".lock"), "port " + port, run));
        } catch (RuntimeException e) {
            release.forEach(Runnable::run);
            throw e;
        }
        return () -> {
            for (int i = release.size() - 1; i >= 0; i--) {
                release.get(i).run();
            }
        };
    }

    private Runnable lockOne(Path file, String what, Holder run) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock directory " + dir + " (set -Dfirstsettle.labState "
                    + "or FIRSTSETTLE_LAB_STATE to a writable folder)", e);
        }
        Path key = file.toAbsolutePath().normalize();
        Holder mine = HELD_HERE.putIfAbsent(key, run);
        if (mine != null) {
            throw new Held(what, mine, "end the other run in this process");
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                Holder other = readHolder(ch);
                ch.close();
                HELD_HERE.remove(key);
                throw new Held(what, other, "if that process is gone, check that " + file
                        + " is on a local file system (the OS lock is released with the process)");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(JSON.writeValueAsBytes(toMap(run))), 0);
            ch.force(true);
            FileChannel held = ch;
            FileLock heldLock = lock;
            return () -> {
                try {
                    held.truncate(0);
                    heldLock.release();
                    held.close();
                } catch (IOException e) {
                    // the lock goes with the channel or the process in any case
                } finally {
                    HELD_HERE.remove(key);
                }
            };
        } catch (IOException e) {
            HELD_HERE.remove(key);
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> toMap(Holder h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", h.run());
        m.put("pid", h.pid());
        m.put("host", h.host());
        m.put("since", h.since().toString());
        return m;
    }

    private static Holder readHolder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
            ch.read(b, 0);
            String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
            if (text.isBlank()) {
                return null;
            }
            Map<?, ?> m = JSON.readValue(text, Map.class);
            return new Holder(String.valueOf(m.get("run")), ((Number) m.get("pid")).longValue(),
                    String.valueOf(m.get("host")), Instant.parse(String.valueOf(m.get("since"))));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
