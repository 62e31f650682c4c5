package io.firstsettle.lab;

import io.firstsettle.core.event.Generic;
import io.firstsettle.core.event.RigReady;
import io.firstsettle.core.LabClock;
import io.firstsettle.bank.BankFake;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.emulator.Defect;
import io.firstsettle.evidence.EvidenceRecorder;
import io.firstsettle.fault.AppliedFault;
import io.firstsettle.fault.FaultFiles;
import io.firstsettle.fault.FaultProfile;
import io.firstsettle.fault.FaultTarget;
import io.firstsettle.fault.LinkFaultProxy;
import io.firstsettle.fault.SerialFaultPort;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import io.firstsettle.terminal.Capability;
import io.firstsettle.terminal.NotSupported;
import io.firstsettle.terminal.Register;
import io.firstsettle.terminal.TerminalUnderTest;
import io.firstsettle.terminal.zvt.ZvtRegister;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything one scenario starts: its own bank fake, acquirer host, link-fault proxy and terminal under test (emulated
 * on a pseudo-terminal pair, or physical on the profile's port, in the profile's protocol) with its cash register,
 * so parallel scenarios never share a port, a journal or a fault.
 *
 * <pre>
 *  Register --jssc--> /dev/pts/N  ==kernel pty==  master --> emulated terminal --ISO 8583/TCP--> proxy --> AcquirerHost --HTTP--> BankFake
 * </pre>
 * The rig never asks whether the terminal is emulated: it asks the {@link TerminalUnderTest}'s capabilities.
 * Closing the rig stops everything in reverse order; evidence recorded so far stays on disk.
 */
public final class Rig implements AutoCloseable {
    /**
     * What a rig is made from.
     *
     * @param defects firmware bugs the emulated terminal reproduces (empty: a correct terminal)
     */
    public record Spec(TerminalProfile terminal, Path fixtures, Path evidenceDir, Path stateDir, LabClock clock,
                       Set<Defect> defects) {
        public Spec {
            defects = Set.copyOf(defects);
        }

        public Spec(TerminalProfile terminal, Path fixtures, Path evidenceDir, Path stateDir, LabClock clock) {
            this(terminal, fixtures, evidenceDir, stateDir, clock, Set.of());
        }
    }

    private final Spec spec;
    private final EvidenceRecorder evidence;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private BankFake bank;
    private AcquirerHost host;
    private LinkFaultProxy proxy;
    private TerminalUnderTest unit;
    /** A fleet's bank and host, shared by many rigs: used, never started or closed by this rig. */
    private BankFake sharedBank;
    private AcquirerHost sharedHost;

    private Rig(Spec spec) {
        this.spec = spec;
        this.evidence = new EvidenceRecorder(spec.evidenceDir(), spec.clock());
    }

    /** Starts the whole rig, or fails as a lab fault after closing what was started. */
    public static Rig start(Spec spec) {
        Rig rig = new Rig(spec);
        try {
            rig.startAll();
            return rig;
        } catch (RuntimeException e) {
            rig.evidence.record("lab", new Generic("rig-failed", Map.of("error", String.valueOf(e.getMessage()))));
            rig.close();
            throw new LabFault("the rig did not start: " + e.getMessage(), e);
        }
    }

    /**
     * One terminal of a fleet: its own pty pair, emulated terminal, register, link proxy and evidence, against a bank
     * and a host that many rigs share (the rig neither starts nor closes them). The spec's terminal profile carries
     * this terminal's own TID and MID.
     */
    public static Rig startShared(Spec spec, BankFake bank, AcquirerHost host) {
        Rig rig = new Rig(spec);
        rig.sharedBank = bank;
        rig.sharedHost = host;
        try {
            rig.startAll();
            return rig;
        } catch (RuntimeException e) {
            rig.evidence.record("lab", new Generic("rig-failed", Map.of("error", String.valueOf(e.getMessage()))));
            rig.close();
            throw new LabFault("the rig did not start: " + e.getMessage(), e);
        }
    }

    private void startAll() {
        LabClock clock = spec.clock();
        TerminalProfile p = spec.terminal();
        // a physical terminal keeps its state between scenarios: bring it to the bench's known state first
        BenchPrep.prepare(spec, evidence);
        HostConfig hc;
        if (sharedHost != null) {
            bank = sharedBank;
            host = sharedHost;
            hc = host.config();
        } else {
            bank = BankFake.start(spec.fixtures().resolve("bank"), clock, evidence);
            started.push(bank);
            evidence.record("lab", new Generic("bank-started", Map.of("url", bank.baseUrl().toString())));

            hc = HostConfig.defaults(bank.baseUrl(), clock, evidence)
                    .withPackagerXml(spec.fixtures().resolve("iso8583").resolve("iso87binary.xml"))
                    .withResponseCodesYaml(spec.fixtures().resolve("host").resolve("response-codes.yaml"));
            // the acquirer of a physical terminal remembers it across scenarios and runs, as a real one does
            host = p.emulated() ? AcquirerHost.start(hc)
                    : AcquirerHost.startPersistent(hc, LabState.acquirerRecords(), p.terminalId());
            started.push(host);
        }
        evidence.record("lab", new Generic("host-started", Map.of("port", host.port())));

        // the terminal reaches the host through a link-fault proxy: faithful until a link fault is applied. A physical
        // terminal finds it where its own set-up says its acquirer is (the profile's hostListen)
        proxy = LinkFaultProxy.listen(p.hostListenHost(), p.hostListenPort(), host.port(),
                host.config().frameFormat(), clock, evidence);
        started.push(proxy);

        unit = new TerminalWiring(spec, defects(), proxy.port(), hc.tpduHex(), evidence).terminal();
        unit.start();
        evidence.record("lab", new RigReady(unit.line(), p.terminalId(), unit.protocol(), defects().toString(),
                clock.scale()));
    }

    /** The cardholder presents a test card: the emulated cardholder at once; at a bench the operator is asked to. */
    public void presentCard(CardProfile card) {
        presentCard(card, null);
    }

    /** As {@link #presentCard(CardProfile)}, naming the amount the terminal will show (minor units; null: unknown). */
    public void presentCard(CardProfile card, Long amountMinor) {
        unit.presentCard(card, amountMinor);
    }

    /**
     * Fails unless the harness can cut this terminal's power (the emulated terminal, or a physical one whose profile
     * names powerOff/powerOn commands): {@link NotSupported}, which a scenario reports as skipped with the reason.
     */
    public void requirePowerControl(String what) {
        require(Capability.POWER, what + " (name powerOff/powerOn commands in the profile)");
    }

    /** Fails with {@link NotSupported} unless the terminal under test (or its register) has {@code c}. */
    public void require(Capability c, String why) {
        if (!unit.supports(c)) {
            throw new NotSupported(c, unit.describe(), why);
        }
    }

    /** True when the rig runs the emulated terminal itself (defects and the cardholder are under its control). */
    public boolean emulated() {
        return unit.emulated();
    }

    /**
     * The terminal loses power: its line goes away at once, mid-sequence if one runs; only what it wrote to its
     * non-volatile state survives. The register sees the line die.
     */
    public void powerOff() {
        requirePowerControl("cut the terminal's power");
        evidence.record("lab", new Generic("power-off", Map.of("tid", spec.terminal().terminalId(), "by",
                unit.describe(),
                "state", unit.stateImage())));
        unit.powerOff();
    }

    /** Power comes back: the terminal boots from its non-volatile state on a fresh line; the register reopens it. */
    public void powerOn() {
        requirePowerControl("power the terminal on");
        unit.powerOn();
        evidence.record("lab", new Generic("power-on", Map.of("line", unit.line(), "by", unit.describe(),
                "state", unit.stateImage())));
    }

    /**
     * The provider's host process restarts on the same port (see {@link AcquirerHost#restart()}): the terminal's open
     * connection drops, its journal and terminal registry survive, its open-batch table does not. The link proxy keeps
     * pointing at the same port.
     */
    public void restartHost() {
        evidence.record("lab", new Generic("host-restart", Map.of("port", host.port())));
        started.remove(host);
        host = host.restart();
        started.push(host);
        evidence.record("lab", new Generic("host-restarted", Map.of("port", host.port())));
    }

    /**
     * Puts the named fault profile (fixtures/faults/NAME.yaml) in force for this rig's terminal only: link faults on
     * the proxy between terminal and host, host maintenance on the host, everything else on the bank. The fault is
     * removed with {@link AppliedFault#remove()} or when the rig closes.
     */
    public AppliedFault applyFault(String name) {
        FaultProfile f = FaultFiles.load(spec.fixtures().resolve("faults"), name);
        TerminalProfile p = spec.terminal();
        AppliedFault applied = switch (f.kind()) {
            case LINK -> proxy.apply(f);
            case SERIAL -> serialLine().apply(atPointWeRecognise(f));
            case HOST_MAINTENANCE -> host.apply(f, p.terminalId());
            default -> bank.apply(f, new FaultTarget(p.terminalId(), p.merchantId(), p.hostTimeout()));
        };
        started.push(applied);
        return applied;
    }

    /**
     * A serial fault at a named moment of the exchange needs a terminal line whose frames the fault engine follows, and
     * a moment the line's protocol has ({@link io.firstsettle.fault.SerialFraming#missing}); else the scenario skips.
     */
    private FaultProfile atPointWeRecognise(FaultProfile f) {
        io.firstsettle.fault.SerialPoint point = f.serial().point();
        if (point == io.firstsettle.fault.SerialPoint.APPLIED) {
            return f;
        }
        if (!unit.capabilities().contains(Capability.SERIAL_POINTS)) {
            throw new NotSupported(Capability.SERIAL_POINTS, unit.describe(), "fault " + f.name() + " starts at "
                    + point.wire() + " (" + point.meaning() + ")");
        }
        java.util.Optional<String> missing = serialLine().framing().missing(point);
        if (missing.isPresent()) {
            throw new NotSupported(Capability.SERIAL_POINTS, unit.describe(), "fault " + f.name() + " starts at "
                    + point.wire() + ", a moment " + serialLine().framing().words() + " does not have: "
                    + missing.get());
        }
        return f;
    }

    /** The rig's defects and the terminal profile's, together. */
    private Set<Defect> defects() {
        Set<Defect> all = EnumSet.noneOf(Defect.class);
        all.addAll(spec.defects());
        spec.terminal().defects().forEach(d -> all.add(Defect.parse(d)));
        return all;
    }

    /** True when the bank and host serve a whole fleet, not only this rig's terminal. */
    public boolean shared() {
        return sharedHost != null;
    }

    /** The register's end of the serial line, where serial-line faults are applied ({@link NotSupported} if none). */
    public SerialFaultPort serialLine() {
        return unit.serialLine();
    }

    public LinkFaultProxy proxy() {
        return proxy;
    }

    public Spec spec() {
        return spec;
    }

    public EvidenceRecorder evidence() {
        return evidence;
    }

    public BankFake bank() {
        return bank;
    }

    public AcquirerHost host() {
        return host;
    }

    /** The terminal under test: emulated or physical, in the profile's protocol. */
    public TerminalUnderTest terminal() {
        return unit;
    }

    /** The cash register on the terminal's line, protocol-neutral. */
    public Register register() {
        return new io.firstsettle.terminal.RecordingRegister(unit.register(), evidence);
    }

    /**
     * The ZVT client underneath the register, for ZVT-only tools and tests (bench commands, fleet, doctor); steps use
     * {@link #register()}.
     *
     * @throws NotSupported when the terminal does not speak ZVT
     */
    public EcrClient ecr() {
        if (unit.register() instanceof ZvtRegister z) {
            return z.ecr();
        }
        throw new NotSupported(Capability.LOGON, unit.describe(), "this tool needs a ZVT register");
    }

    /** The serial device the register opened (a /dev/pts path in CI). */
    public String line() {
        return unit.line();
    }

    @Override
    public void close() {
        if (unit != null) {
            unit.close();
        }
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                evidence.record("lab", new Generic("stop-failed", Map.of("component", c.getClass().getSimpleName(),
                        "error", String.valueOf(e))));
            }
        }
        evidence.close();
    }
}
