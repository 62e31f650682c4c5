package io.firstsettle.fault;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The output of one {@link LineFaultEngine#feed} under construction, and the window faults (cut, baud mismatch, drop
 * by share) that act on every byte on its way out whatever the protocol's framing.
 */
final class FaultOutput {
    private final List<LineFaultEngine.Piece> pieces = new ArrayList<>();
    private ByteArrayOutputStream current = new ByteArrayOutputStream();
    private long pendingPause;
    private final ByteArrayOutputStream back = new ByteArrayOutputStream();
    private final List<String> fired = new ArrayList<>();

    void add(byte b) {
        current.write(b);
    }

    void pause(long millis) {
        close();
        pendingPause = millis;
    }

    void back(byte b) {
        back.write(b);
    }

    void fired(String what) {
        fired.add(what);
    }

    void firedOnce(String what) {
        if (!fired.contains(what)) {
            fired.add(what);
        }
    }

    private void close() {
        if (current.size() > 0 || pendingPause > 0) {
            pieces.add(new LineFaultEngine.Piece(pendingPause, current.toByteArray()));
        }
        current = new ByteArrayOutputStream();
        pendingPause = 0;
    }

    LineFaultEngine.Result result() {
        close();
        return new LineFaultEngine.Result(pieces, back.toByteArray(), fired);
    }

    /**
     * Passes {@code b} on unless a window fault open on this way takes it: every byte that would go on passes here
     * last, so the window faults act on the line itself.
     */
    void emit(SerialFault fault, Random random, boolean windowOpen, boolean way, byte b) {
        if (fault.direction().includes(way) && windowOpen) {
            switch (fault.action()) {
                case CUT -> {
                    firedOnce("line cut " + dir(way));
                    return;
                }
                case BAUD_MISMATCH -> {
                    firedOnce("bytes " + dir(way) + " arrive as noise (line settings differ)");
                    add(noise(b));
                    return;
                }
                case DROP -> {
                    if (random.nextDouble() < fault.share()) {
                        firedOnce("dropping bytes " + dir(way) + " with probability " + fault.share());
                        return;
                    }
                }
                default -> {
                }
            }
        }
        add(b);
    }

    /**
     * What a byte looks like to a receiver at the wrong rate: its bits smeared over other sample points. Modelled as a
     * fixed scramble into 0x80..0xFF, so noise can never be taken for a ZVT DLE, ACK or NAK.
     */
    static byte noise(byte b) {
        return (byte) (((b & 0xFF) * 37 + 0x59) | 0x80);
    }

    static String dir(boolean way) {
        return way ? "to the terminal" : "to the register";
    }
}
