package io.firstsettle.ecr.zvt.link;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a listening ZVT-over-TCP terminal really is, in words a register's installer can use: the bound port (never
 * the {@code :0} that was asked for), {@code tcp://127.0.0.1:P} on this machine when it listens on all interfaces,
 * and the addresses a register on the network can connect to.
 */
public final class ListenAddress {
    private ListenAddress() {
    }

    /** {@code tcp://HOST:PORT} for a register on this machine (loopback when bound to all interfaces). */
    static String localSpec(InetSocketAddress bound) {
        InetAddress a = bound.getAddress();
        return "tcp://" + (a == null || a.isAnyLocalAddress() ? "127.0.0.1" : host(a)) + ":" + bound.getPort();
    }

    /**
     * The {@link #localSpec} and, for all interfaces, e.g. {@code (listening on all interfaces: 0.0.0.0:20007; from
     * another machine: tcp://192.168.1.20:20007)}; {@code others} are this machine's non-loopback addresses.
     */
    public static String describe(InetSocketAddress bound, List<InetAddress> others) {
        InetAddress a = bound.getAddress();
        if (a == null || !a.isAnyLocalAddress()) {
            return localSpec(bound);
        }
        int port = bound.getPort();
        StringBuilder sb = new StringBuilder(localSpec(bound)).append(" (listening on all interfaces: ")
                .append(host(a)).append(':').append(port).append("; ");
        if (others.isEmpty()) {
            sb.append("this machine has no network address besides loopback yet, so only registers on it can connect");
        } else {
            sb.append("from another machine: ");
            for (int i = 0; i < others.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append("tcp://").append(host(others.get(i))).append(':').append(port);
            }
        }
        return sb.append(')').toString();
    }

    /** This machine's up, non-loopback, non-link-local addresses, IPv4 first. */
    static List<InetAddress> networkAddresses() {
        List<InetAddress> v4 = new ArrayList<>();
        List<InetAddress> v6 = new ArrayList<>();
        try {
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!n.isUp() || n.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(n.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        (a instanceof Inet4Address ? v4 : v6).add(a);
                    }
                }
            }
        } catch (SocketException | NullPointerException e) {
            return List.of(); // cannot list interfaces: say only what is sure (the loopback spec)
        }
        v4.addAll(v6);
        return v4;
    }

    private static String host(InetAddress a) {
        String h = a.getHostAddress();
        int zone = h.indexOf('%');
        h = zone < 0 ? h : h.substring(0, zone);
        return a instanceof Inet4Address ? h : "[" + h + "]";
    }
}
