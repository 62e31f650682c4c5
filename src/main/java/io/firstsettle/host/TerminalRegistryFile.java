package io.firstsettle.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The acquirer's durable record of one physical terminal, kept across scenarios and runs as a real acquirer keeps it
 * in its database: sign-on, merchant, open batch number and the STANs it has seen. One JSON file per TID
 * ({@code DIR/<TID>.json}), written with write-to-temp, fsync and atomic rename. Emulated rigs never use it: their
 * terminal is factory-new in every scenario, and so is its host.
 */
public final class TerminalRegistryFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The persisted image of one terminal.
     *
     * @param approvals the captures an earlier host life approved for it (newest {@value #APPROVALS_KEPT}): what the
     *                  acquirer's journal shows when the terminal uploads a batch left open by an earlier scenario
     */
    public record Entry(String tid, String mid, boolean signedOn, int batch, List<String> stans,
                        List<Approval> approvals) {
        public Entry {
            stans = stans == null ? List.of() : List.copyOf(stans);
            approvals = approvals == null ? List.of() : List.copyOf(approvals);
        }
    }

    /** One approved capture (0210/0230 "00") of an earlier host life. */
    public record Approval(String stan, String rrn, Long amountMinor) {
    }

    static final int APPROVALS_KEPT = 200;

    private final Path dir;

    public TerminalRegistryFile(Path dir) {
        this.dir = dir;
    }

    public Path file(String tid) {
        return dir.resolve(tid + ".json");
    }

    /** What the acquirer knows about {@code tid}; empty when it never saw it. */
    public java.util.Optional<Entry> read(String tid) {
        Path f = file(tid);
        if (!Files.exists(f)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(JSON.readValue(f.toFile(), Entry.class));
        } catch (IOException e) {
            throw new IllegalStateException(f + ": the acquirer's record of terminal " + tid + " is unreadable ("
                    + e.getMessage() + "); delete it only if the terminal was factory-reset too", e);
        }
    }

    /** Loads the terminal's record into a host's terminal store. */
    void loadInto(String tid, Map<String, AcquirerBook.TerminalState> terminals) {
        read(tid).ifPresent(e -> {
            AcquirerBook.TerminalState st = new AcquirerBook.TerminalState();
            st.mid = e.mid();
            st.signedOn = e.signedOn();
            st.batch = Math.max(1, e.batch());
            st.stans.addAll(e.stans() == null ? List.of() : e.stans());
            terminals.put(tid, st);
        });
    }

    /** Saves the terminal's record from a host's terminal store (nothing when the host never saw it). */
    void saveFrom(String tid, Map<String, AcquirerBook.TerminalState> terminals, HostJournal journal) {
        AcquirerBook.TerminalState st = terminals.get(tid);
        if (st == null) {
            return;
        }
        java.util.LinkedHashMap<String, Approval> approvals = new java.util.LinkedHashMap<>();
        read(tid).ifPresent(old -> old.approvals().forEach(a -> approvals.put(a.stan(), a)));
        for (HostJournal.Entry j : journal.entries()) {
            if (j.isOut() && ("0210".equals(j.mti()) || "0230".equals(j.mti())) && tid.equals(j.tid())
                    && "00".equals(j.responseCode()) && j.stan() != null) {
                approvals.remove(j.stan());
                approvals.put(j.stan(), new Approval(j.stan(), j.rrn(), j.amountMinor()));
            }
        }
        List<Approval> kept = List.copyOf(approvals.values());
        kept = kept.subList(Math.max(0, kept.size() - APPROVALS_KEPT), kept.size());
        Entry e;
        synchronized (st) {
            e = new Entry(tid, st.mid, st.signedOn, st.batch, List.copyOf(new TreeSet<>(st.stans)), kept);
        }
        write(e);
    }

    /**
     * A journal for a housekeeping host: the approvals of earlier host lives, so a batch an earlier scenario left open
     * can be uploaded and closed (see {@link AcquirerHost#startHousekeeping}).
     */
    HostJournal seededJournal(String tid) {
        HostJournal j = new HostJournal();
        read(tid).ifPresent(e -> e.approvals().forEach(a -> j.append(new HostJournal.Entry(java.time.Instant.EPOCH,
                "out", "0210", tid, a.stan(), a.rrn(), a.amountMinor(), "00", null,
                Map.of("note", "approved by an earlier host life (acquirer record)")))));
        return j;
    }

    public void write(Entry e) {
        Path f = file(e.tid());
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            byte[] bytes = JSON.writeValueAsBytes(e);
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(bytes);
                out.getFD().sync();
            }
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot save the acquirer's record of terminal " + e.tid() + " to " + f, ex);
        }
    }
}
