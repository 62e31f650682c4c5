package io.firstsettle.fault;

import java.io.IOException;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.NACChannel;

/** A terminal on the wire for fault tests: a jPOS NACChannel per exchange, like the emulated terminal. */
final class WireTerminal {
    static final String PAN = "4761739001010010";
    final String tid;
    final String mid;
    private final int port;
    private final ISOPackager packager;
    private int stan;

    WireTerminal(String tid, String mid, int port, ISOPackager packager) {
        this.tid = tid;
        this.mid = mid;
        this.port = port;
        this.packager = packager;
    }

    String nextStan() {
        return String.format("%06d", ++stan);
    }

    ISOMsg exchange(ISOMsg m, int timeoutMillis) throws IOException, ISOException {
        NACChannel ch = new NACChannel("127.0.0.1", port, packager, ISOUtil.hex2byte("6000010000"));
        ch.setTimeout(timeoutMillis);
        ch.connect();
        try {
            ch.send(m);
            return ch.receive();
        } finally {
            ch.disconnect();
        }
    }

    ISOMsg exchange(ISOMsg m) throws IOException, ISOException {
        return exchange(m, 15_000);
    }

    ISOMsg signOn() throws ISOException {
        ISOMsg m = new ISOMsg("0800");
        m.set(11, nextStan());
        m.set(41, tid);
        m.set(42, mid);
        m.set(70, "001");
        return m;
    }

    ISOMsg sale(long amountMinor) throws ISOException {
        ISOMsg m = new ISOMsg("0200");
        m.set(2, PAN);
        m.set(3, "000000");
        m.set(4, String.format("%012d", amountMinor));
        m.set(11, nextStan());
        m.set(14, "2812");
        m.set(22, "051");
        m.set(25, "00");
        m.set(41, tid);
        m.set(42, mid);
        m.set(49, "978");
        return m;
    }

    ISOMsg reconcile(String batch, long count, long totalMinor) throws ISOException {
        ISOMsg m = new ISOMsg("0500");
        m.set(11, nextStan());
        m.set(41, tid);
        m.set(42, mid);
        m.set(60, batch);
        m.set(74, String.format("%010d", 0));
        m.set(76, String.format("%010d", count));
        m.set(86, String.format("%016d", 0));
        m.set(88, String.format("%016d", totalMinor));
        return m;
    }
}
