package io.firstsettle.cli;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.link.ZvtTcpServer;
import io.firstsettle.ecr.zvt.link.ZvtTcpSessions;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.EmulatedTerminal;
import io.firstsettle.emulator.IsoTerminalClient;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.host.HostConfig;
import io.firstsettle.host.IsoPackagers;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import io.firstsettle.port.TcpBytePort;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code firstsettle emulate}: the emulated terminal as a device process of its own, serving ZVT (or Concert, with
 * {@code --protocol concert}: {@link EmulateConcert}) on a serial device, a pty it creates, or a ser2net {@code tcp://}
 * line, and talking ISO 8583 to an acquirer host.
 */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = "Run the emulated POS terminal on a serial line, connected to an acquirer host.")
public final class EmulateCommand implements Callable<Integer> {
    @Option(names = "--port", description = "serial device (/dev/ttyUSB0, one end of a socat pair), 'pty' (create "
            + "one and print its slave path), tcp://HOST:PORT (ser2net) or listen://HOST:PORT (ZVT over TCP)")
    String port;

    @Option(names = "--host", description = "acquirer host HOST:PORT (ISO 8583, NACChannel, TPDU 6000000000)")
    String host;

    @Option(names = "--profile", description = "terminal profile YAML (default fixtures/terminals/emulated-zvt.yaml)")
    Path profile;

    @Option(names = "--defect", description = "reproduce a firmware defect (repeatable); see --list-defects")
    List<String> defects = new ArrayList<>();

    @Option(names = "--state-dir", description = "non-volatile terminal state (default ./terminal-state)")
    Path stateDir = Path.of("terminal-state");

    @Option(names = "--card", description = "test card the emulated cardholder presents (fixtures/cards/NAME.yaml)")
    String card = "visa-test";

    @Option(names = "--time-scale", description = "real seconds per lab second for the terminal's timers (1.0)")
    double timeScale = 1.0;

    @Option(names = "--list-defects", description = "print the defect catalogue and exit")
    boolean listDefects;

    @Option(names = "--protocol", description = "ECR protocol the terminal serves: zvt (default) or concert (Telium "
            + "protocol E+)")
    String protocol = "zvt";

    @Option(names = "--line", description = "Concert only: 7e1 (RS-232, default) or 8n1 (USB CDC-ACM)")
    String concertLine = "7e1";

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (listDefects) {
            for (Defect d : Defect.values()) {
                out.printf("%-36s %s%n", d.name(), d.description());
            }
            return 0;
        }
        if (port == null || host == null || !host.matches(".+:[0-9]{1,5}")) {
            System.err.println("emulate needs --port DEVICE and --host HOST:PORT (got --port " + port + " --host "
                    + host + ")");
            return 2;
        }
        if (!protocol.equals("zvt") && !protocol.equals("concert")) {
            System.err.println("emulate: --protocol is zvt or concert, not '" + protocol + "'");
            return 2;
        }
        Set<Defect> chosen = EnumSet.noneOf(Defect.class);
        for (String d : defects) {
            chosen.add(Defect.parse(d));
        }
        Path home = Main.home();
        TerminalProfile p = TerminalProfile.load(profile != null ? profile : EmulateConcert.defaultProfile(home,
                protocol));
        CardProfile presented = CardProfile.load(home.resolve("fixtures/cards/" + card + ".yaml"));
        LabClock clock = LabClock.scaled(timeScale);
        EventSink log = (source, kind, fields) -> System.err.println(source + " " + kind + " " + fields);
        int colon = host.lastIndexOf(':');
        IsoTerminalClient iso = new IsoTerminalClient(host.substring(0, colon),
                Integer.parseInt(host.substring(colon + 1)),
                IsoPackagers.load(home.resolve(HostConfig.DEFAULT_PACKAGER)), HostConfig.DEFAULT_TPDU, clock, log);
        if (protocol.equals("concert")) {
            return new EmulateConcert(out, log, clock).run(port, concertLine, p, iso, presented, stateDir, chosen);
        }

        PtyPair pty = null;
        BytePort line = null;
        ZvtTcpServer server = null;
        String shown = port;
        if (port.startsWith("listen://")) {
            server = ZvtTcpServer.listen(port, log);
        } else if (port.equals("pty")) {
            pty = PtyPair.open();
            line = pty.master();
            shown = pty.slavePath();
        } else if (port.startsWith("tcp://")) {
            line = TcpBytePort.open(port);
        } else {
            line = JsscBytePort.open(port, new SerialSettings(p.baud(), 8, p.stopBits(), SerialSettings.Parity.NONE));
        }
        LinkTimings timings = p.linkTimings(clock);
        ApduLink link;
        if (server != null) {
            // ZVT over TCP ([ZVT-TP] §4.1): registers connect to us one after another, as to an Ethernet terminal on
            // port 20007; the terminal (and its state) stays the same; a second register while one is connected is
            // refused and closed at once (event zvt-tcp-refused on stderr)
            link = new ZvtTcpSessions(server, log);
            out.println("ready on " + server.where());
            out.flush();
        } else {
            link = new SerialZvtLink(line, timings, log, "terminal");
        }
        EmulatedTerminal terminal = new EmulatedTerminal(link, p, iso, TerminalState.open(stateDir), clock, log, chosen);
        terminal.presentCard(presented);
        CountDownLatch stopped = EmulateCommand.stopOnShutdown(terminal, pty, out);
        terminal.start();
        log.record("terminal", "emulate", Map.of("port", shown, "host", host, "defects", chosen.toString()));
        if (server == null) {
            out.println("ready on " + shown);
            out.flush();
        }
        stopped.await();
        return 0;
    }

    /**
     * On SIGTERM (or the JVM's end) the emulated terminal of either protocol stops, its pty closes, and "stopped" is
     * printed; the returned latch opens then.
     */
    static CountDownLatch stopOnShutdown(io.firstsettle.emulator.EmulatedDevice terminal, PtyPair pty,
                                         java.io.PrintStream out) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                terminal.close();
                if (pty != null) {
                    pty.close();
                }
            } catch (RuntimeException e) {
                System.err.println("emulate: stopping failed: " + e);
            } finally {
                out.println("stopped");
                out.flush();
                stopped.countDown();
            }
        }, "emulate-shutdown"));
        return stopped;
    }
}
