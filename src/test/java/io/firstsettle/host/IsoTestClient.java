package io.firstsettle.host;

import java.io.IOException;

import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.NACChannel;

/** A terminal-side jPOS channel for tests: same packager and TPDU header as the host. */
final class IsoTestClient implements AutoCloseable {
    private final NACChannel channel;

    IsoTestClient(int port, ISOPackager packager) throws IOException {
        channel = new NACChannel("127.0.0.1", port, packager, ISOUtil.hex2byte("6000010000"));
        channel.setTimeout(15_000);
        channel.connect();
    }

    ISOMsg exchange(ISOMsg m) throws IOException, ISOException {
        channel.send(m);
        return channel.receive();
    }

    @Override
    public void close() throws IOException {
        channel.disconnect();
    }

    static ISOMsg signOn(String stan) throws ISOException {
        ISOMsg m = new ISOMsg("0800");
        m.set(11, stan);
        m.set(41, AcquirerHostTest.TID);
        m.set(42, AcquirerHostTest.MID);
        m.set(70, "001");
        return m;
    }

    static ISOMsg sale(String stan, long amountMinor) throws ISOException {
        ISOMsg m = new ISOMsg("0200");
        m.set(2, AcquirerHostTest.PAN);
        m.set(3, "000000");
        m.set(4, String.format("%012d", amountMinor));
        m.set(11, stan);
        m.set(12, "101500");
        m.set(13, "0601");
        m.set(14, "2812");
        m.set(22, "051");
        m.set(25, "00");
        m.set(41, AcquirerHostTest.TID);
        m.set(42, AcquirerHostTest.MID);
        m.set(49, "978");
        return m;
    }

    static ISOMsg reversal(String stan, long amountMinor) throws ISOException {
        ISOMsg m = sale(stan, amountMinor);
        m.setMTI("0400");
        m.set(39, "98");
        m.set(90, "0200" + stan + "0000000000" + "0".repeat(22));
        return m;
    }

    static ISOMsg reconcile(String stan, String batch, long count, long totalMinor) throws ISOException {
        ISOMsg m = new ISOMsg("0500");
        m.set(11, stan);
        m.set(41, AcquirerHostTest.TID);
        m.set(42, AcquirerHostTest.MID);
        m.set(60, batch);
        m.set(74, String.format("%010d", 0));
        m.set(76, String.format("%010d", count));
        m.set(86, String.format("%016d", 0));
        m.set(88, String.format("%016d", totalMinor));
        return m;
    }
}
