package io.firstsettle.emulator;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.register.EcrBehaviour;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.EndOfDay;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.message.Authorization;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.host.HostJournal;
import io.firstsettle.host.IsoPackagers;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real serial path of the rig with a switchable TCP hop to the host: EcrClient -> SerialZvtLink -> JsscBytePort
 * (/dev/pts/N) == kernel pty == PtyPair.master -> SerialZvtLink -> EmulatedTerminal -> HostProxy -> AcquirerHost ->
 * BankFake. The terminal can be restarted on the same state directory.
 */
final class Bench implements AutoCloseable {
    static final Path FIXTURES = Path.of("fixtures").toAbsolutePath();
    static final double SCALE = 0.05;

    /** One recorded event. */
    record Event(String source, String kind, Map<String, ?> fields) {
    }

    final LabClock clock = LabClock.scaled(SCALE);
    final List<Event> events = new ArrayList<>();
    final EventSink sink = (s, k, f) -> {
        synchronized (events) {
            events.add(new Event(s, k, Map.copyOf(f)));
        }
    };
    final TerminalProfile profile;
    final Path stateDir;
    final BankFake bank;
    final AcquirerHost host;
    final HostProxy proxy;
    final String tpdu;
    private PtyPair pty;
    EmulatedTerminal terminal;
    EcrClient ecr;
    SerialZvtLink ecrLink;

    Bench(Path stateDir, Set<Defect> defects) throws Exception {
        this(stateDir, defects, TerminalProfile.load(FIXTURES.resolve("terminals/emulated-zvt.yaml")));
    }

    /**
     * @param profile the terminal; its serial timers are put on the lab-timed line as the catalogue's rig does (T2 and
     *                T3 shrink with the lab scale, at least 500 ms and 3 s), so a test that lets an ACK or an 80 00 go
     *                missing waits out seconds, not the spec's 15
     */
    Bench(Path stateDir, Set<Defect> defects, TerminalProfile profile) throws Exception {
        this.profile = profile.onLabTimedLine(SCALE);
        this.stateDir = stateDir;
        bank = BankFake.start(FIXTURES.resolve("bank"), clock);
        HostConfig hc = HostConfig.defaults(bank.baseUrl(), clock, sink)
                .withPackagerXml(FIXTURES.resolve("iso8583/iso87binary.xml"))
                .withResponseCodesYaml(FIXTURES.resolve("host/response-codes.yaml"));
        host = AcquirerHost.start(hc);
        tpdu = hc.tpduHex();
        proxy = new HostProxy(host.port(), clock);
        startTerminal(defects);
    }

    void startTerminal(Set<Defect> defects) {
        pty = PtyPair.open();
        LinkTimings timings = profile.linkTimings(clock);
        IsoTerminalClient iso = new IsoTerminalClient("127.0.0.1", proxy.port(),
                IsoPackagers.load(FIXTURES.resolve("iso8583/iso87binary.xml")), tpdu, clock, sink);
        terminal = new EmulatedTerminal(new SerialZvtLink(pty.master(), timings, sink, "terminal"), profile, iso,
                TerminalState.open(stateDir), clock, sink, defects).start();
        SerialZvtLink ecrSide = new SerialZvtLink(JsscBytePort.open(pty.slavePath(),
                new SerialSettings(profile.baud(), 8, profile.stopBits(), SerialSettings.Parity.NONE)), timings, sink, "ecr");
        ecrLink = ecrSide;
        ecr = new EcrClient(ecrSide, timings.t3(), Duration.ofMillis(Math.max(4000, timings.t4().toMillis())), sink);
    }

    /** Power cycle: stop the terminal and its line, start a new one on the same state directory. */
    void restartTerminal(Set<Defect> defects) {
        stopTerminal();
        startTerminal(defects);
    }

    private void stopTerminal() {
        ecr.close();
        terminal.close();
        pty.close();
    }

    EcrTranscript register() {
        return ecr.register(new Registration(profile.password(), profile.configByteValue(), profile.currency(), null));
    }

    EcrTranscript pay(String card, long minor) {
        terminal.presentCard(CardProfile.load(FIXTURES.resolve("cards/" + card + ".yaml")));
        return ecr.authorize(new Authorization(minor, profile.currency()));
    }

    EcrTranscript endOfDay() {
        return ecr.endOfDay(new EndOfDay(profile.password()));
    }

    void ecrBehaviour(EcrBehaviour b) {
        ecr.behaviour(b);
    }

    List<HostJournal.Entry> hostIn(String mti) {
        return host.journal().entries().stream().filter(e -> !e.isOut() && mti.equals(e.mti())).toList();
    }

    List<HostJournal.Entry> hostOut(String mti) {
        return host.journal().entries().stream().filter(e -> e.isOut() && mti.equals(e.mti())).toList();
    }

    List<Event> terminalEvents(String kind) {
        synchronized (events) {
            return events.stream().filter(e -> e.source().equals("terminal") && e.kind().equals(kind)).toList();
        }
    }

    /** ISO messages the terminal sent, by MTI. */
    long isoOut(String mti) {
        synchronized (events) {
            return events.stream().filter(e -> e.source().equals("terminal") && e.kind().equals("iso-out")
                    && mti.equals(e.fields().get("mti"))).count();
        }
    }

    @Override
    public void close() throws Exception {
        stopTerminal();
        proxy.close();
        host.close();
        bank.close();
    }
}
