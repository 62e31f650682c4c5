package io.firstsettle.ecr.zvt.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure state machine that cuts a bare APDU byte stream (ZVT over TCP: no DLE STX, no CRC, no ACK/NAK, [ZVT-TP] §4.1)
 * into APDUs by their length field, short form {@code CLASS INSTR LEN} or extended {@code CLASS INSTR FF lo hi}
 * (little-endian, [ZVT-TP] §5.2.4). No I/O, no threads: feed it whatever arrived, in any split.
 *
 * <p>Without framing there is no resynchronisation: a wrong LEN swallows the next APDU. {@link #midApdu()} and
 * {@link #pending()} let the link say what was cut off when the connection ends.
 */
public final class ApduAssembler {
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private int needed = 3;

    /** Feeds {@code len} bytes from {@code off}; returns the APDUs they completed, in order. */
    public List<Apdu> feed(byte[] buf, int off, int len) {
        List<Apdu> out = new ArrayList<>();
        int i = off;
        int end = off + len;
        while (i < end) {
            int take = Math.min(needed - current.size(), end - i);
            current.write(buf, i, take);
            i += take;
            if (current.size() < needed) {
                break;
            }
            byte[] got = current.toByteArray();
            int total = totalLength(got);
            if (total > got.length) {
                needed = total;
                continue;
            }
            out.add(Apdu.decode(got));
            current.reset();
            needed = 3;
        }
        return out;
    }

    public List<Apdu> feed(byte[] buf) {
        return feed(buf, 0, buf.length);
    }

    /** Encoded length the header so far announces; more header bytes may be needed first (FF lo hi). */
    private static int totalLength(byte[] head) {
        int len = head[2] & 0xFF;
        if (len != 0xFF) {
            return 3 + len;
        }
        if (head.length < 5) {
            return 5;
        }
        return 5 + ((head[3] & 0xFF) | (head[4] & 0xFF) << 8);
    }

    /** True when part of an APDU has arrived and the rest has not. */
    public boolean midApdu() {
        return current.size() > 0;
    }

    /** The bytes of the unfinished APDU. */
    public byte[] pending() {
        return current.toByteArray();
    }
}
