package io.firstsettle.lab;

import io.firstsettle.core.event.Generic;
import io.firstsettle.core.event.EcrCommand;
import io.firstsettle.bank.BankFake;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.message.Initialisation;
import io.firstsettle.ecr.zvt.message.LogOff;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.evidence.EvidenceRecorder;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.profile.TerminalProfile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a physical terminal, which cannot be reset, to the bench's known state before a scenario (lab-setup.md,
 * "factory-new on a bench"): the profile's {@code prepare} steps, by default Registration 06 00, End-of-Day 06 50
 * (delivers a stored reversal and closes any open batch) and Log-Off 06 02 (the register must register again).
 * <p>
 * The steps run against a housekeeping acquirer host on the profile's {@code hostListen}, with the acquirer's durable
 * record of the terminal, and with their own bank and evidence folder ({@code bench-prep/}); the scenario's host
 * journal, bank and ledger never see them, so they cannot colour its verdict. Each step is also recorded in the
 * scenario's evidence. A step that fails is a lab fault: the scenario is not run on a terminal in an unknown state.
 */
final class BenchPrep {
    /** Tries per step before the terminal is declared in an unknown state. */
    static final int ATTEMPTS = 3;
    private static BankFake housekeepingBank;

    private BenchPrep() {
    }

    static void prepare(Rig.Spec spec, EvidenceRecorder scenario) {
        TerminalProfile p = spec.terminal();
        if (p.emulated() || p.prepare().isEmpty()) {
            return;
        }
        LabClock clock = spec.clock();
        Path dir = spec.evidenceDir().resolve("bench-prep");
        scenario.record("lab", new Generic("bench-prepare", Map.of("steps", p.prepare(), "evidence", dir.toString())));
        try (EvidenceRecorder ev = new EvidenceRecorder(dir, clock)) {
            HostConfig hc = new HostConfig(p.hostListenHost(), p.hostListenPort(), bank(spec.fixtures()).baseUrl(),
                    spec.fixtures().resolve("iso8583").resolve("iso87binary.xml"), HostConfig.DEFAULT_TPDU,
                    spec.fixtures().resolve("host").resolve("response-codes.yaml"), HostConfig.DEFAULT_BANK_BUDGET,
                    clock, ev);
            AcquirerHost host;
            try {
                host = AcquirerHost.startHousekeeping(hc, LabState.acquirerRecords(), p.terminalId());
            } catch (RuntimeException e) {
                throw new LabFault("bench preparation: the housekeeping host cannot listen on " + p.hostListen()
                        + " (" + e.getMessage() + "); is another run using this terminal's hostListen?", e);
            }
            try (host; ApduLink link = BenchLine.open(p, clock, ev)) {
                EcrClient ecr = BenchLine.register(link, p, clock, ev);
                for (String step : p.prepare()) {
                    Optional<String> failed = Optional.empty();
                    // a step is idempotent: one that failed (a slow first answer of a cold housekeeping host, say) is
                    // tried again, up to ATTEMPTS times, every attempt recorded
                    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                        failed = run(step, p, ecr, link, ev);
                        Map<String, Object> f = new LinkedHashMap<>();
                        f.put("step", step);
                        f.put("attempt", attempt);
                        f.put("ok", failed.isEmpty());
                        failed.ifPresent(why -> f.put("problem", why));
                        scenario.record("lab", new Generic("bench-prepare-step", f));
                        if (failed.isEmpty()) {
                            break;
                        }
                    }
                    if (failed.isPresent()) {
                        throw new LabFault("the terminal " + p.terminalId() + " could not be brought to the bench's "
                                + "known state: " + step + " failed " + ATTEMPTS + " times (last: " + failed.get()
                                + "); see " + dir
                                + ". Close an open batch or a stuck reversal at the terminal, or run 'firstsettle "
                                + "doctor --terminal " + p.name() + "'");
                    }
                }
            }
        }
        scenario.record("lab", new Generic("bench-prepared", Map.of("tid", p.terminalId())));
    }

    /** One step; empty when it succeeded, else what went wrong. */
    private static Optional<String> run(String step, TerminalProfile p, EcrClient ecr, ApduLink link,
                                        EvidenceRecorder ev) {
        EcrTranscript t = switch (step) {
            case "registration" -> ecr.register(new Registration(p.password(), p.configByteValue(), p.currency(),
                    null));
            case "end-of-day" -> ecr.endOfDay(new EndOfDay(p.password()));
            case "initialisation" -> ecr.run("Initialisation", new Initialisation(p.password()).toApdu());
            case "log-off" -> null;
            default -> throw new IllegalArgumentException("unknown prepare step " + step);
        };
        if (t == null) {
            return logOff(p, link, ev);
        }
        return t.finished() && t.success() ? Optional.empty() : Optional.of(describe(t));
    }

    /** Log-Off 06 02 00: the terminal answers 80 00 00 and nothing else ([ZVT-SPEC] §2.24). */
    private static Optional<String> logOff(TerminalProfile p, ApduLink link, EvidenceRecorder ev) {
        ev.record("ecr", new EcrCommand("Log-Off", new LogOff().toApdu().toString()));
        link.send(new LogOff().toApdu());
        Duration t3 = Duration.ofMillis(p.t3Millis());
        Optional<Apdu> answer = link.receive(t3);
        if (answer.isEmpty()) {
            return Optional.of("no 80 00 00 within T3 (" + t3.toMillis() + " ms) after Log-Off");
        }
        return answer.get().equals(Apdu.POSITIVE_ACK) ? Optional.empty()
                : Optional.of("Log-Off answered " + answer.get() + " instead of 80 00 00");
    }

    static String describe(EcrTranscript t) {
        return t.command() + (t.finished() ? " finished" : " did not finish") + ", result "
                + (t.resultCode() == null ? "none" : String.format("%02X", t.resultCode()))
                + (t.problem() == null ? "" : " (" + t.problem() + ")");
    }

    /** One bank for every housekeeping host of this process: it only ever sees empty or leftover settlements. */
    private static synchronized BankFake bank(Path fixtures) {
        if (housekeepingBank == null) {
            housekeepingBank = BankFake.start(fixtures.resolve("bank"), LabClock.real());
            Runtime.getRuntime().addShutdownHook(new Thread(housekeepingBank::close, "housekeeping-bank-stop"));
        }
        return housekeepingBank;
    }
}
