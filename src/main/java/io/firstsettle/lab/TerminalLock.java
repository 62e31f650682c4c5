package io.firstsettle.lab;

import java.time.Instant;

/**
 * One run at a time per terminal. A run holds its terminal (by TID and by port) from before its first scenario until
 * it ends; a second run that asks for the same terminal is refused with the holder named. Implementations: a lock file
 * per key ({@link FileTerminalLock}); a shared database reservation can plug in behind the same interface.
 */
public interface TerminalLock {
    /**
     * Takes the terminal for this run, or throws {@link Held} naming who holds it.
     *
     * @param tid  the terminal ID (the acquirer's key)
     * @param port the line the terminal is on (a device path, tcp:// or rfc2217:// address)
     * @param run  who asks: shown to a second run that is refused
     */
    Hold acquire(String tid, String port, Holder run);

    /** Who holds a terminal: the run, its process, the machine, and since when. */
    record Holder(String run, long pid, String host, Instant since) {
        public static Holder thisProcess(String run) {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
            }
            return new Holder(run, ProcessHandle.current().pid(), host, Instant.now());
        }

        public String describe() {
            return "run " + run + " (pid " + pid + " on " + host + ", since " + since + ")";
        }
    }

    /** A held terminal; closing it releases it. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** The terminal is in use by another run. */
    final class Held extends RuntimeException {
        private final transient Holder holder;

        public Held(String what, Holder holder, String howToFree) {
            super(what + " is in use by " + (holder == null ? "another run (holder unknown)" : holder.describe())
                    + ": wait for that run to end, or " + howToFree);
            this.holder = holder;
        }

        /** Not taken for a reason other than a known holder (the reservation store cannot be reached): the whole text. */
        public Held(String message) {
            super(message);
            this.holder = null;
        }

        public Holder holder() {
            return holder;
        }
    }
}
