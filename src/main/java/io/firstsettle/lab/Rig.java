package io.firstsettle.lab;

import io.firstsettle.core.LabClock;
import io.firstsettle.bank.BankFake;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.ecr.zvt.link.TcpZvtLink;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.EmulatedTerminal;
import io.firstsettle.emulator.IsoTerminalClient;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.evidence.EvidenceRecorder;
import io.firstsettle.fault.AppliedFault;
import io.firstsettle.fault.FaultFiles;
import io.firstsettle.fault.FaultProfile;
import io.firstsettle.fault.FaultTarget;
import io.firstsettle.fault.LinkFaultProxy;
import io.firstsettle.fault.SerialFaultPort;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.host.IsoPackagers;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.BytePorts;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything one scenario starts: its own bank fake, acquirer host, pseudo-terminal pair, emulated terminal and the
 * cash register's ZVT client, so parallel scenarios never share a port, a journal or a fault.
 *
 * <pre>
 *  EcrClient --jssc--> /dev/pts/N  ==kernel pty==  master --> EmulatedTerminal --ISO 8583/TCP--> AcquirerHost --HTTP--> BankFake
 * </pre>
 * Closing the rig stops everything in reverse order; evidence recorded so far stays on disk.
 */
public final class Rig implements AutoCloseable {
    /** What a rig is made from. */
    /**
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
    private EmulatedTerminal terminal;
    private EcrClient ecr;
    private LinkFaultProxy proxy;
    private PtyPair pty;
    private SerialFaultPort serialLine;
    private String isoPackagerHeader;
    private String line;
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
            rig.evidence.record("lab", "rig-failed", Map.of("error", String.valueOf(e.getMessage())));
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
            rig.evidence.record("lab", "rig-failed", Map.of("error", String.valueOf(e.getMessage())));
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
            evidence.record("lab", "bank-started", Map.of("url", bank.baseUrl().toString()));

            hc = HostConfig.defaults(bank.baseUrl(), clock, evidence)
                    .withPackagerXml(spec.fixtures().resolve("iso8583").resolve("iso87binary.xml"))
                    .withResponseCodesYaml(spec.fixtures().resolve("host").resolve("response-codes.yaml"));
            // the acquirer of a physical terminal remembers it across scenarios and runs, as a real one does
            host = p.emulated() ? AcquirerHost.start(hc)
                    : AcquirerHost.startPersistent(hc, LabState.acquirerRecords(), p.terminalId());
            started.push(host);
        }
        evidence.record("lab", "host-started", Map.of("port", host.port()));

        // the terminal reaches the host through a link-fault proxy: faithful until a link fault is applied. A physical
        // terminal finds it where its own set-up says its acquirer is (the profile's hostListen)
        proxy = p.emulated() ? LinkFaultProxy.start(host.config().frameFormat(), host.port(), null, clock, evidence)
                : LinkFaultProxy.listen(p.hostListenHost(), p.hostListenPort(), host.port(),
                host.config().frameFormat(), clock, evidence);
        started.push(proxy);

        isoPackagerHeader = hc.tpduHex();
        startSerialSide();
        evidence.record("lab", "rig-ready", Map.of("line", line, "tid", p.terminalId(), "scale", clock.scale(),
                "defects", defects().toString()));
    }

    /**
     * The serial side: a fresh kernel pty pair, the emulated terminal on its master (on the rig's non-volatile state
     * directory) and the cash register on its slave through jssc. Started at rig start and again at power-on.
     */
    private void startSerialSide() {
        LabClock clock = spec.clock();
        TerminalProfile p = spec.terminal();
        if (!p.emulated()) {
            startRegisterOnly(p, clock);
            return;
        }
        pty = PtyPair.open();
        line = pty.slavePath();
        LinkTimings timings = p.linkTimings(clock);
        IsoTerminalClient iso = new IsoTerminalClient("127.0.0.1", proxy.port(),
                IsoPackagers.load(spec.fixtures().resolve("iso8583").resolve("iso87binary.xml")), isoPackagerHeader,
                clock, evidence);
        SerialZvtLink ptSide = new SerialZvtLink(pty.master(), timings, evidence, "terminal")
                .deliverRepeats(defects().contains(Defect.REPEATED_FRAME_CHARGES_TWICE));
        terminal = new EmulatedTerminal(ptSide, p, iso, TerminalState.open(spec.stateDir()), clock, evidence,
                defects()).start();

        // the cash register opens its end through jssc, exactly as it opens /dev/ttyUSB0 on a bench
        BytePort ecrPort = JsscBytePort.open(line, new SerialSettings(p.baud(), 8, p.stopBits(), SerialSettings.Parity.NONE));
        serialLine = new SerialFaultPort(ecrPort, clock, evidence);
        SerialZvtLink ecrSide = new SerialZvtLink(serialLine, timings, evidence, "ecr");
        ecr = new EcrClient(ecrSide, timings.t3(), Duration.ofMillis(Math.max(2000, timings.t4().toMillis())), clock,
                evidence).tolerateUnknownBmps(p.tolerateUnknownBmps()).charset(java.nio.charset.Charset.forName(p.charset()));
    }

    /**
     * A physical terminal: the harness is only its cash register, on the profile's port (a serial device through jssc,
     * tcp:// to ser2net, rfc2217://, or ZVT over TCP to an Ethernet terminal when ecrLink is tcp).
     */
    private void startRegisterOnly(TerminalProfile p, LabClock clock) {
        LinkTimings timings = p.linkTimings(clock);
        ApduLink link = "tcp".equals(p.ecrLink()) ? TcpZvtLink.connect(p.port(), evidence)
                : new SerialZvtLink(serialLine = new SerialFaultPort(BytePorts.open(p.port(), BenchLine.settings(p)),
                clock, evidence), timings, evidence, "ecr");
        line = p.port();
        ecr = BenchLine.register(link, p, clock, evidence);
        evidence.record("lab", "physical-terminal", Map.of("port", p.port(), "ecrLink", p.ecrLink(),
                "hostListen", p.hostListen()));
    }

    /**
     * The cardholder presents a test card: the emulated cardholder does it at once; at a physical terminal the lab
     * operator is asked to, on the console and in the evidence (the terminal waits for the card within T4).
     */
    public void presentCard(CardProfile card) {
        presentCard(card, null);
    }

    /** As {@link #presentCard(CardProfile)}, naming the amount the terminal will show (minor units; null: unknown). */
    public void presentCard(CardProfile card, Long amountMinor) {
        if (emulated()) {
            terminal.presentCard(card);
            return;
        }
        CardPrompt.ask(spec.terminal(), line, card, amountMinor, spec.clock(), evidence);
    }

    /**
     * Fails as a lab fault unless the harness can cut this terminal's power: the emulated terminal, or a physical one
     * whose profile names powerOff/powerOn commands.
     */
    public void requirePowerControl(String what) {
        if (!spec.terminal().powerControl()) {
            requireEmulated(what + " (or name powerOff/powerOn commands in the profile)");
        }
    }

    /** Fails as a lab fault when the terminal is physical: the scenario needs emulator control (tag @emulated). */
    public void requireEmulated(String what) {
        if (!emulated()) {
            throw new LabFault("cannot " + what + " on the physical terminal of profile " + spec.terminal().name()
                    + ": this needs the emulated terminal (such scenarios are tagged @emulated; run with --tags "
                    + "'not @emulated' on a bench)");
        }
    }

    /** True when the rig runs the emulated terminal itself (power cuts, defects, the cardholder are under its control). */
    public boolean emulated() {
        return spec.terminal().emulated();
    }

    private void stopSerialSide() {
        for (AutoCloseable c : new AutoCloseable[] {ecr, terminal, pty}) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                evidence.record("lab", "stop-failed", Map.of("component", c.getClass().getSimpleName(),
                        "error", String.valueOf(e)));
            }
        }
        ecr = null;
        terminal = null;
        pty = null;
    }

    /**
     * The terminal loses power: its process and its serial line go away at once, mid-sequence if one runs; only what
     * it wrote to its non-volatile state survives. The register sees the line die.
     */
    public void powerOff() {
        if (!emulated() && spec.terminal().powerControl()) {
            evidence.record("lab", "power-off", Map.of("tid", spec.terminal().terminalId(), "by", "profile command"));
            try {
                PowerSwitch.run("power-off-command", spec.terminal().powerOff(), evidence);
            } finally {
                stopSerialSide(); // the register sees its line die, as with the emulated terminal
            }
            return;
        }
        requireEmulated("cut the terminal's power");
        evidence.record("lab", "power-off", Map.of("tid", spec.terminal().terminalId(),
                "state", String.valueOf(terminal == null ? "already off" : terminal.state().image())));
        stopSerialSide();
    }

    /** Power comes back: the terminal boots from its state directory on a fresh line; the register reopens it. */
    public void powerOn() {
        if (!emulated() && spec.terminal().powerControl()) {
            if (ecr != null) {
                throw new IllegalStateException("the terminal is already on");
            }
            PowerSwitch.run("power-on-command", spec.terminal().powerOn(), evidence);
            BenchBoot.awaitLine(spec.terminal(), spec.clock(), evidence);
            startSerialSide();
            evidence.record("lab", "power-on", Map.of("line", line, "by", "profile command"));
            return;
        }
        requireEmulated("power the terminal on");
        if (terminal != null) {
            throw new IllegalStateException("the terminal is already on");
        }
        startSerialSide();
        evidence.record("lab", "power-on", Map.of("line", line, "state", String.valueOf(terminal.state().image())));
    }

    /**
     * The provider's host process restarts on the same port (see {@link AcquirerHost#restart()}): the terminal's open
     * connection drops, its journal and terminal registry survive, its open-batch table does not. The link proxy keeps
     * pointing at the same port.
     */
    public void restartHost() {
        evidence.record("lab", "host-restart", Map.of("port", host.port()));
        started.remove(host);
        host = host.restart();
        started.push(host);
        evidence.record("lab", "host-restarted", Map.of("port", host.port()));
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
            case SERIAL -> serialLine().apply(f);
            case HOST_MAINTENANCE -> host.apply(f, p.terminalId());
            default -> bank.apply(f, new FaultTarget(p.terminalId(), p.merchantId(), p.hostTimeout()));
        };
        started.push(applied);
        return applied;
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

    /** The register's end of the serial line, where serial-line faults are applied. */
    public SerialFaultPort serialLine() {
        if (serialLine == null) {
            throw new LabFault("terminal profile " + spec.terminal().name() + " talks ZVT over TCP (ecrLink: tcp): "
                    + "there is no serial line to put a serial fault on; run serial scenarios against a serial terminal");
        }
        return serialLine;
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

    public EmulatedTerminal terminal() {
        return terminal;
    }

    public EcrClient ecr() {
        return ecr;
    }

    /** The serial device the register opened (a /dev/pts path in CI). */
    public String line() {
        return line;
    }

    @Override
    public void close() {
        stopSerialSide();
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                evidence.record("lab", "stop-failed", Map.of("component", c.getClass().getSimpleName(),
                        "error", String.valueOf(e)));
            }
        }
        evidence.close();
    }
}
