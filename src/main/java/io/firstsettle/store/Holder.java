package io.firstsettle.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/** A process that holds (or asks for) a terminal: user, host, pid and when the process started (pids get reused). */
public record Holder(String user, String host, long pid, long processStartMs) {
    private static final Holder SELF = new Holder(System.getProperty("user.name", "unknown"), hostName(),
            ProcessHandle.current().pid(), ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
            .orElse(0L));

    public static Holder self() {
        return SELF;
    }

    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env != null ? env : "unknown-host";
        }
    }

    /** On this host: whether the process still runs (same pid and the same start time, so not a reused pid). */
    boolean aliveHere() {
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant())
                .map(s -> processStartMs == 0 || Math.abs(s.toEpochMilli() - processStartMs) < 1000)
                .orElse(false);
    }

    public String describe() {
        return user + "@" + host + " pid " + pid;
    }
}
