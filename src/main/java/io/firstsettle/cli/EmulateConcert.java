package io.firstsettle.cli;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.concert.ConcertLine;
import io.firstsettle.ecr.concert.ConcertLink;
import io.firstsettle.ecr.concert.ConcertTimings;
import io.firstsettle.emulator.DayEnd;
import io.firstsettle.emulator.Defect;
import io.firstsettle.emulator.IsoTerminalClient;
import io.firstsettle.emulator.TerminalState;
import io.firstsettle.emulator.concert.ConcertTerminal;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.TcpBytePort;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.TerminalProfile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code firstsettle emulate --protocol concert}: the emulated Concert terminal (Telium protocol E+, protocols.md §B)
 * on a serial device (7E1 by default, {@code --line 8n1} for USB), a pty it creates, or a ser2net {@code tcp://}
 * line. Concert has no end-of-day command: a line {@code end-of-day} (or {@code telecollecte}) on standard input runs
 * the télécollecte and prints its result, as a terminal's schedule would start it.
 */
final class EmulateConcert {
    private final PrintStream out;
    private final EventSink log;
    private final LabClock clock;

    EmulateConcert(PrintStream out, EventSink log, LabClock clock) {
        this.out = out;
        this.log = log;
        this.clock = clock;
    }

    /** fixtures/terminals/emulated-concert.yaml when there is one (and the protocol is Concert), else the ZVT one. */
    static Path defaultProfile(Path home, String protocol) {
        Path concert = home.resolve("fixtures/terminals/emulated-concert.yaml");
        return protocol.equals("concert") && Files.exists(concert) ? concert
                : home.resolve("fixtures/terminals/emulated-zvt.yaml");
    }

    int run(String port, String lineName, TerminalProfile profile, IsoTerminalClient iso, CardProfile card,
            Path stateDir, Set<Defect> defects) throws InterruptedException {
        ConcertLine line = switch (lineName.toLowerCase(Locale.ROOT)) {
            case "7e1" -> ConcertLine.RS232_7E1;
            case "8n1" -> ConcertLine.USB_8N1;
            default -> null;
        };
        if (line == null) {
            System.err.println("emulate: --line is 7e1 (RS-232) or 8n1 (USB), not '" + lineName + "'");
            return 2;
        }
        if (port.startsWith("listen://")) {
            System.err.println("emulate: Concert runs on a serial line (a device, 'pty' or tcp:// to ser2net), not on "
                    + port);
            return 2;
        }
        PtyPair pty = null;
        BytePort bytes;
        String shown = port;
        if (port.equals("pty")) {
            pty = PtyPair.open();
            bytes = pty.master();
            shown = pty.slavePath();
        } else if (port.startsWith("tcp://")) {
            bytes = TcpBytePort.open(port);
        } else {
            bytes = JsscBytePort.open(port, line.settings());
        }
        ConcertLink link = new ConcertLink(bytes, ConcertTimings.defaults(), line.bit7(), log, "terminal");
        ConcertTerminal terminal = new ConcertTerminal(link, profile, iso, TerminalState.open(stateDir), clock, log,
                defects);
        terminal.presentCard(card);
        CountDownLatch stopped = EmulateCommand.stopOnShutdown(terminal, pty, out);
        terminal.start();
        log.record("terminal", "emulate", Map.of("protocol", "concert", "port", shown, "line", lineName,
                "defects", defects.toString()));
        Thread console = new Thread(() -> console(terminal), "emulate-console");
        console.setDaemon(true);
        console.start();
        out.println("ready on " + shown);
        out.flush();
        stopped.await();
        return 0;
    }

    /** Standard input: {@code end-of-day} runs the télécollecte and prints one line with its result. */
    private void console(ConcertTerminal terminal) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String l;
            while ((l = in.readLine()) != null) {
                String cmd = l.trim().toLowerCase(Locale.ROOT);
                if (cmd.equals("end-of-day") || cmd.equals("telecollecte")) {
                    DayEnd d = terminal.endOfDay();
                    out.println("end-of-day " + d.kind() + " batch " + d.batchNo() + " count " + d.count()
                            + " total " + d.total() + (d.why() == null ? "" : " (" + d.why() + ")"));
                } else if (!cmd.isEmpty()) {
                    out.println("unknown command '" + l.trim() + "': end-of-day (or telecollecte)");
                }
                out.flush();
            }
        } catch (IOException e) {
            log.record("terminal", "console-closed", Map.of("error", String.valueOf(e)));
        }
    }
}
