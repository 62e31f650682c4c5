package io.firstsettle.cli;

import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.store.LabStore;
import io.firstsettle.store.LabStoreException;
import io.firstsettle.store.TerminalBusyException;
import io.firstsettle.store.TerminalHold;
import io.firstsettle.store.TerminalReservation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code firstsettle terminals}: the lab's terminals (the profiles here and every terminal the lab store has seen on
 * any lab host), where each is reached, who holds it and since when. {@code terminals hold T} takes a terminal for a
 * person at the bench until Ctrl-C, kill, or the time given.
 */
@Command(name = "terminals", mixinStandardHelpOptions = true, subcommands = TerminalsCommand.Hold.class,
        description = "List the lab's terminals, where they are reached, who holds each and since when.")
final class TerminalsCommand implements Callable<Integer> {
    @Mixin
    LabDbOption labDb = new LabDbOption();

    @Override
    public Integer call() throws IOException {
        Map<String, String[]> rows = new LinkedHashMap<>(); // terminal -> profile, TID, address, last seen
        try (Stream<Path> files = Files.list(Main.home().resolve("fixtures").resolve("terminals"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    TerminalProfile p = TerminalProfile.load(f);
                    rows.put(p.name(), new String[]{p.name(), p.terminalId(), p.emulated() ? "emulated (pty on this host)"
                            : p.port(), "profile on this host"});
                } catch (RuntimeException e) {
                    rows.put(f.getFileName().toString(), new String[]{f.getFileName().toString(), "?", "broken profile: "
                            + e.getMessage(), "-"});
                }
            }
        }
        Map<String, TerminalHold> holds = new LinkedHashMap<>();
        String storeNote;
        try (LabStore store = LabStore.open(labDb.resolve())) {
            storeNote = "lab store " + store.db();
            for (TerminalReservation.Known k : TerminalReservation.known(store)) {
                String[] row = rows.values().stream().filter(r -> k.terminal().equals(r[0]) || k.terminal().equals(r[1]))
                        .findFirst().orElse(null);
                String seen = k.lastHost() + " " + Instant.ofEpochMilli(k.lastSeenMs()).toString().substring(0, 19);
                if (row == null) {
                    rows.put(k.terminal(), new String[]{k.profile() != null ? k.profile() : "-", k.terminal(),
                            k.address() != null ? k.address() : "-", seen});
                } else {
                    row[2] = k.address() != null ? k.address() : row[2];
                    row[3] = seen;
                }
                k.hold().ifPresent(h -> holds.put(k.terminal(), h));
            }
        } catch (LabStoreException e) {
            storeNote = "holders unknown: " + e.getMessage();
        }
        System.out.println("terminals (" + storeNote + "):");
        System.out.println(String.format("%-22s %-10s %-34s %-30s %s", "profile", "TID", "reached at", "last seen", "held by"));
        for (Map.Entry<String, String[]> e : rows.entrySet()) {
            String[] r = e.getValue();
            TerminalHold h = Optional.ofNullable(holds.get(e.getKey())).orElse(holds.get(r[1]));
            System.out.println(String.format("%-22s %-10s %-34s %-30s %s", r[0], r[1], r[2], r[3],
                    h == null ? "free" : h.describe()));
        }
        return 0;
    }

    /** {@code terminals hold TERMINAL}: holds it until Ctrl-C, SIGTERM, SIGKILL or {@code --minutes}. */
    @Command(name = "hold", mixinStandardHelpOptions = true,
            description = "Hold a terminal (TID or profile name) so no other lab host or process drives it; "
                    + "released on Ctrl-C, kill, or after --minutes.")
    static final class Hold implements Callable<Integer> {
        @Parameters(paramLabel = "TERMINAL", description = "the terminal's TID or profile name")
        String terminal;

        @Option(names = "--minutes", defaultValue = "480", description = "release after this long (default: ${DEFAULT-VALUE})")
        long minutes;

        @Option(names = "--address", description = "where this host reaches it (/dev/..., tcp://, rfc2217://)")
        String address;

        @Mixin
        LabDbOption labDb = new LabDbOption();

        @Override
        public Integer call() throws InterruptedException {
            TerminalReservation r;
            try {
                r = TerminalReservation.acquire(labDb.resolve(), terminal, address, "firstsettle terminals hold");
            } catch (TerminalBusyException e) {
                System.err.println("firstsettle terminals hold: " + e.getMessage());
                return 3;
            } catch (LabStoreException e) {
                System.err.println("firstsettle terminals hold: " + e.getMessage());
                return 2;
            }
            CountDownLatch released = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                r.close();
                released.countDown();
            }, "release " + terminal));
            System.out.println("holding " + terminal + " as " + r.hold().describe() + " in " + labDb.resolve()
                    + "; Ctrl-C or kill to release (at most " + minutes + " min)");
            System.out.flush();
            boolean early = released.await(minutes, TimeUnit.MINUTES); // the hold's bound: --minutes
            if (!early) {
                r.close();
                System.out.println("released " + terminal + " after " + minutes + " min");
            }
            return 0;
        }
    }
}
