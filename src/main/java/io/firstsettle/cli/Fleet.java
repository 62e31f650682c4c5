package io.firstsettle.cli;

import io.firstsettle.lab.LabFault;
import io.firstsettle.lab.Rig;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.emulator.Defect;
import io.firstsettle.terminal.Operation;
import io.firstsettle.terminal.zvt.ZvtOutcomes;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.host.SessionLimits;
import io.firstsettle.oracle.Verdict;
import io.firstsettle.oracle.VerdictKind;
import io.firstsettle.oracle.ViewCollector;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A fleet on one machine: one bank, one acquirer host, and {@code terminals} emulated terminals in this JVM, each on
 * its own kernel pty pair with its own TID/MID, state directory, link proxy and evidence. Each terminal slot runs
 * factory-new terminals one after another until {@code transactions} first transactions are done in all: registration,
 * the first sale (and {@code sales - 1} more), end-of-day, then the oracle judges the first transaction. A share of the
 * terminals (drawn with the seed) has the fault in force. A judged terminal is retired from the host and the bank, and
 * the fleet keeps counts and a latency histogram ({@link FleetTally}), not every result: a soak's heap stays flat.
 */
public final class Fleet {
    /** What to run. */
    public record Spec(int terminals, int sales, int transactions, String fault, double faultShare, long seed,
                       double scale, Path fixtures, Path out, Set<Defect> defects) {
        public Spec {
            if (terminals < 1 || sales < 1 || transactions < terminals) {
                throw new IllegalArgumentException("a fleet needs terminals >= 1, sales >= 1 and transactions >= "
                        + "terminals (got " + terminals + ", " + sales + ", " + transactions + ")");
            }
            if (faultShare < 0 || faultShare > 1 || faultShare > 0 && fault == null) {
                throw new IllegalArgumentException("--fault-share is 0..1 and needs --fault NAME");
            }
            defects = Set.copyOf(defects);
        }
    }

    /** End-of-day attempts per terminal before the fleet gives up closing its day (a LAB_FAULT, not a verdict). */
    static final int END_OF_DAY_TRIES = 3;

    /** Whether any settlement request (05xx) of {@code tid} reached the host. */
    private static boolean settlementReachedHost(Rig rig, String tid) {
        return rig.host().journal().entries().stream()
                .anyMatch(e -> !e.isOut() && tid.equals(e.tid()) && e.mti() != null && e.mti().startsWith("05"));
    }

    /** One judged first transaction. */
    public record Outcome(String tid, boolean faulted, VerdictKind verdict, long saleMillis, String note) {
    }

    /**
     * The whole run: what {@link FleetTally} keeps of the judged transactions (counts, a latency histogram, the first
     * unexpected outcomes) and the {@link FleetMemory} figures, so that the report's size does not grow with the run.
     */
    public record Report(Spec spec, FleetTally tally, long wallMillis, long refusedConnections,
                         FleetMemory.Figures memory) {
        public long judged() {
            return tally.judged();
        }

        public long faulted() {
            return tally.faulted();
        }

        public Map<VerdictKind, Long> verdicts() {
            return tally.verdicts();
        }

        public long count(VerdictKind k) {
            return tally.count(k);
        }

        /** Transactions with this verdict among those with ({@code withFault}) or without the fault in force. */
        public long count(boolean withFault, VerdictKind k) {
            return tally.count(withFault, k);
        }

        /** Outcomes that are not what their fault predicts (the first {@value FleetTally#UNEXPECTED_KEPT}). */
        public List<Outcome> unexpected() {
            return tally.unexpected();
        }

        public long unexpectedCount() {
            return tally.unexpectedCount();
        }

        public long percentileSaleMillis(double p) {
            return tally.saleMillis(p);
        }

        public double transactionsPerSecond() {
            return wallMillis == 0 ? 0 : judged() * 1000.0 / wallMillis;
        }

        /** Heap growth from the first to the last thousand transactions over its limit. */
        public boolean heapGrowthOverLimit() {
            return memory.growth() != null && memory.growth().overLimit();
        }

        /** What makes the run a failure: unexpected verdicts, LOST, DUPLICATED, refused connections, heap growth. */
        public boolean ok() {
            return unexpectedCount() == 0 && count(VerdictKind.LOST) == 0 && count(VerdictKind.DUPLICATED) == 0
                    && refusedConnections == 0 && !heapGrowthOverLimit();
        }
    }

    /**
     * The host journal's safety bound, per terminal slot. A judged terminal's messages leave the journal when it is
     * retired, so the journal holds only the running terminals' (a first transaction with its sign-on, reversal
     * retries, batch upload and end-of-day is a few dozen messages); the bound only keeps messages that name no
     * terminal, or that came after their terminal was retired, from piling up.
     */
    static final int JOURNAL_MESSAGES_PER_SLOT = 500;

    private Fleet() {
    }

    /** Runs the fleet; {@code progress} gets (done, total) after every judged transaction. */
    public static Report run(Spec spec, Consumer<int[]> progress) throws InterruptedException {
        LabClock clock = LabClock.scaled(spec.scale());
        TerminalProfile base = TerminalProfile.named("emulated-zvt");
        CardProfile card = CardProfile.named("visa-test");
        // the shared host and bank record into the per-terminal journals the oracle reads; their own event stream
        // would grow with every transaction of a soak, so it is not kept
        BankFake bank = BankFake.start(spec.fixtures().resolve("bank"), clock, EventSink.NONE, 0,
                Math.min(200, 16 + spec.terminals()));
        AcquirerHost host = AcquirerHost.start(HostConfig.defaults(bank.baseUrl(), clock, EventSink.NONE)
                        .withPackagerXml(spec.fixtures().resolve("iso8583").resolve("iso87binary.xml"))
                        .withResponseCodesYaml(spec.fixtures().resolve("host").resolve("response-codes.yaml")),
                new SessionLimits(Math.max(SessionLimits.DEFAULT_MAX_SESSIONS, spec.terminals() * 2),
                        SessionLimits.DEFAULT_IDLE_TIMEOUT), JOURNAL_MESSAGES_PER_SLOT * spec.terminals());
        Random draw = new Random(spec.seed());
        boolean[] faulted = new boolean[spec.transactions()];
        for (int i = 0; i < faulted.length; i++) {
            faulted[i] = spec.fault() != null && draw.nextDouble() < spec.faultShare();
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        FleetTally tally = new FleetTally();
        FleetMemory memory = new FleetMemory(spec.transactions(), spec.terminals());
        Running running = new Running(spec.terminals(), memory, done);
        memory.before();
        long t0 = System.nanoTime();
        ExecutorService slots = Executors.newFixedThreadPool(spec.terminals(), r -> {
            Thread t = new Thread(r, "fleet-terminal");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int s = 0; s < spec.terminals(); s++) {
                started.add(slots.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < spec.transactions()) {
                        tally.record(one(spec, i, faulted[i], base, card, clock, bank, host, running));
                        int n = done.incrementAndGet();
                        memory.judged(n, running.now());
                        progress.accept(new int[] {n, spec.transactions()});
                    }
                    return null;
                }));
            }
            for (Future<?> f : started) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a fleet terminal slot failed: " + e.getCause(), e.getCause());
                }
            }
            long wall = (System.nanoTime() - t0) / 1_000_000;
            return new Report(spec, tally, wall, host.sessions().refused(), memory.finish());
        } finally {
            slots.shutdownNow();
            host.close();
            bank.close();
        }
    }

    /** How many terminals run now (rig started, not yet closed); tells the memory figures when all of them first do. */
    private record Running(int terminals, FleetMemory memory, AtomicInteger done, AtomicInteger count) {
        Running(int terminals, FleetMemory memory, AtomicInteger done) {
            this(terminals, memory, done, new AtomicInteger());
        }

        void started() {
            if (count.incrementAndGet() == terminals) {
                memory.allRunning(done.get());
            }
        }

        void stopped() {
            count.decrementAndGet();
        }

        int now() {
            return count.get();
        }
    }

    /**
     * One factory-new terminal's day, judged. Once judged (or failed), the terminal is retired: the host and the bank
     * forget it ({@link AcquirerHost#retire}, {@link BankFake#retire}), so that their memory holds only the terminals
     * still running; its evidence stays in its folder.
     */
    private static Outcome one(Spec spec, int i, boolean faulted, TerminalProfile base, CardProfile card,
                               LabClock clock, BankFake bank, AcquirerHost host, Running running) {
        String tid = String.format("9%07d", i + 1);
        String mid = String.format("FL%013d", i + 1);
        TerminalProfile p = base.withIds(tid, mid);
        Path dir = spec.out().resolve("terminals").resolve(tid);
        Rig rig;
        try {
            rig = Rig.startShared(new Rig.Spec(p, spec.fixtures(), dir, dir.resolve("terminal-state"), clock,
                    spec.defects()), bank, host);
        } catch (LabFault e) {
            retire(host, bank, tid, mid);
            return new Outcome(tid, faulted, VerdictKind.LAB_FAULT, 0, e.getMessage());
        }
        running.started();
        long saleMillis = 0;
        try {
            if (faulted) {
                rig.applyFault(spec.fault());
            }
            EcrTranscript reg = rig.ecr().register(new Registration(p.password(), p.configByteValue(), p.currency(),
                    null));
            if (!reg.finished() || !reg.success()) {
                return new Outcome(tid, faulted, VerdictKind.LAB_FAULT, 0, "registration failed: " + reg.problem());
            }
            // amounts end in 1 minor unit: the bank's decline table (fixtures/bank/mappings/authorizations.json) keys on
            // whole amounts (51.00 -> 51, 54.00 -> 54), which a correct terminal must report as declined, not settled
            long amount = 1 + 10 * (10 + i % 990);
            rig.presentCard(card);
            long s0 = System.nanoTime();
            EcrTranscript sale = rig.ecr().authorize(new Authorization(amount, p.currency(), null, null, null));
            long saleMs = (System.nanoTime() - s0) / 1_000_000;
            for (int k = 1; k < spec.sales(); k++) {
                rig.presentCard(card);
                rig.ecr().authorize(new Authorization(amount + k, p.currency(), null, null, null));
            }
            EcrTranscript eod = rig.ecr().endOfDay(new EndOfDay(p.password()));
            // an operator closes the day again when it did not close; a fleet on a busy machine may need to
            for (int again = 1; again < END_OF_DAY_TRIES && !(eod.finished() && eod.success()); again++) {
                eod = rig.ecr().endOfDay(new EndOfDay(p.password()));
            }
            saleMillis = saleMs;
            if (!(eod.finished() && eod.success()) && !settlementReachedHost(rig, tid)) {
                // the lab never got the day closed: the first sale waits in the terminal's open batch, and whether
                // it settles cannot be judged (the oracle would call the missing credit LOST against the terminal)
                return new Outcome(tid, faulted, VerdictKind.LAB_FAULT, saleMs, "the end-of-day never reached the host in "
                        + END_OF_DAY_TRIES + " tries (" + (eod.finished() ? "the terminal answered result "
                        + String.format("%02X", eod.resultCode()) : eod.problem()) + "): the day could not be closed, so the "
                        + "first sale's settlement was not judged");
            }
            Verdict v = ViewCollector.judge(rig, ZvtOutcomes.of(Operation.SALE, sale, true),
                    ZvtOutcomes.of(Operation.END_OF_DAY, eod, true), amount, List.of());
            rig.evidence().record("oracle", new io.firstsettle.core.event.VerdictRecorded(v.kind().name(), v.summary(),
                    v.because()));
            return new Outcome(tid, faulted, v.kind(), saleMs, v.summary());
        } catch (RuntimeException e) {
            return new Outcome(tid, faulted, VerdictKind.LAB_FAULT, saleMillis, String.valueOf(e.getMessage()));
        } finally {
            rig.close();
            running.stopped();
            retire(host, bank, tid, mid);
        }
    }

    private static void retire(AcquirerHost host, BankFake bank, String tid, String mid) {
        host.retire(tid);
        bank.retire(tid, mid);
    }
}
