package io.firstsettle.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal's non-volatile memory: STAN, receipt number, batch number, the open batch and a stored reversal.
 * Every change is written to {@code state.json} with write-to-temp, fsync, atomic rename, so a kill -9 or a power cut
 * never loses a counter or reuses a STAN.
 */
public final class TerminalState {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One approved sale in the open batch. */
    public record BatchEntry(String stan, String rrn, long amountMinor, String maskedPan, int receiptNo) {
    }

    /**
     * A reversal stored before the financial message it may undo is sent (CUP practice, protocols.md D.2). It holds
     * the masked PAN only: the 0400 is matched by TID and original STAN, so no full card number is ever at rest.
     */
    public record PendingReversal(String stan, long amountMinor, String reason, String maskedPan) {
    }

    /** The persisted image. */
    public record Image(int stan, int receiptNo, int batchNo, List<BatchEntry> openBatch,
                        PendingReversal pendingReversal, boolean factoryNew) {
    }

    private final Path file;
    private Image image;

    private TerminalState(Path file, Image image) {
        this.file = file;
        this.image = image;
    }

    /** Opens the state directory, creating a factory-new terminal's state when none exists. */
    public static TerminalState open(Path dir) {
        try {
            Files.createDirectories(dir);
            Path f = dir.resolve("state.json");
            if (Files.exists(f)) {
                try {
                    return new TerminalState(f, JSON.readValue(f.toFile(), Image.class));
                } catch (IOException e) {
                    throw new IllegalStateException(f + ": the terminal state is unreadable (" + e.getMessage()
                            + "); move it away to start the terminal factory-new", e);
                }
            }
            TerminalState s = new TerminalState(f, new Image(0, 0, 1, List.of(), null, true));
            s.save();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the terminal state directory " + dir, e);
        }
    }

    public synchronized Image image() {
        return image;
    }

    public synchronized String nextStan() {
        int next = image.stan() % 999_999 + 1;
        image = new Image(next, image.receiptNo(), image.batchNo(), image.openBatch(), image.pendingReversal(), false);
        save();
        return String.format("%06d", next);
    }

    public synchronized int nextReceiptNo() {
        int next = image.receiptNo() % 9999 + 1;
        image = new Image(image.stan(), next, image.batchNo(), image.openBatch(), image.pendingReversal(), false);
        save();
        return next;
    }

    public synchronized void addToBatch(BatchEntry e) {
        List<BatchEntry> b = new ArrayList<>(image.openBatch());
        b.add(e);
        image = new Image(image.stan(), image.receiptNo(), image.batchNo(), List.copyOf(b), image.pendingReversal(), false);
        save();
    }

    public synchronized void removeFromBatch(String stan) {
        List<BatchEntry> b = new ArrayList<>(image.openBatch());
        b.removeIf(e -> e.stan().equals(stan));
        image = new Image(image.stan(), image.receiptNo(), image.batchNo(), List.copyOf(b), image.pendingReversal(), false);
        save();
    }

    /** Closes the batch after the host accepted the settlement and opens the next one. */
    public synchronized void closeBatch() {
        image = new Image(image.stan(), image.receiptNo(), image.batchNo() % 999_999 + 1, List.of(),
                image.pendingReversal(), false);
        save();
    }

    public synchronized void setBatchNo(int batchNo) {
        image = new Image(image.stan(), image.receiptNo(), batchNo, image.openBatch(), image.pendingReversal(), false);
        save();
    }

    public synchronized void storeReversal(PendingReversal r) {
        image = new Image(image.stan(), image.receiptNo(), image.batchNo(), image.openBatch(), r, false);
        save();
    }

    public synchronized void clearReversal() {
        image = new Image(image.stan(), image.receiptNo(), image.batchNo(), image.openBatch(), null, false);
        save();
    }

    private void save() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            byte[] bytes = JSON.writeValueAsBytes(image);
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(bytes);
                out.getFD().sync();
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the terminal state to " + file, e);
        }
    }
}
