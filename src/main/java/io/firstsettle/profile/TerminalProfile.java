package io.firstsettle.profile;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.link.LinkTimings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A terminal described as data (fixtures/terminals/*.yaml): how to reach it, how it speaks ZVT, and its timers.
 *
 * @param name            profile name
 * @param kind            "emulated" (the harness starts an EmulatedTerminal) or "physical"
 * @param port            serial device or tcp://host:port of a physical terminal; ignored when emulated
 * @param baud            9600 or 115200
 * @param stopBits        1 or 2 (ZVT: 2)
 * @param password        6-digit ZVT password
 * @param configByte      Registration config byte, hex ("BA")
 * @param currency        ISO 4217 numeric (978 EUR, 156 CNY)
 * @param charset         print-line character set: CP437, ISO-8859-1, ISO-8859-15
 * @param terminalId      TID (8 digits) the emulated terminal uses
 * @param merchantId      MID (15 chars) the emulated terminal uses
 * @param hostTimeoutSeconds the terminal's wait for the host's answer, lab seconds (30)
 * @param t3Millis        ZVT T3, real milliseconds (5000)
 * @param t4Seconds       ZVT T4, lab seconds (180)
 * @param abortSupported  whether the terminal accepts Abort 06 B0
 * @param defects         emulated terminals only: firmware defects to reproduce (names as printed by
 *                        {@code firstsettle emulate --list-defects}), for detection runs
 * @param hostListen      physical terminals: where the harness listens for the terminal's ISO 8583 line, the
 *                        acquirer address configured in the terminal ("0.0.0.0:8583"); emulated: 127.0.0.1:0
 * @param ecrLink         "serial" (ZVT serial framing, also through ser2net) or "tcp" (ZVT over TCP)
 * @param tolerateUnknownBmps whether the terminal is known to send BMPs outside the spec tables
 * @param t1Millis        ZVT serial T1 inter-byte gap, real milliseconds (200; [ZVT-TP] §3.4)
 * @param t2Millis        ZVT serial T2 wait for ACK/NAK, real milliseconds (5000; [ZVT-TP] §3.4)
 * @param repeats         ZVT serial repeats after NAK or T2 (2, so 3 tries; [ZVT-TP] §3.5); absent means 2
 * @param receiptMode     how the terminal sends receipts to a register that prints: "printLine" (06 D1, one line per
 *                        command; the default) or "textBlock" (06 D3, one TLV text block per receipt; [ZVT-SPEC] §3.6)
 * @param prepare         physical terminals: the ZVT steps that bring the device to the bench's known state before
 *                        every scenario, in order (registration, end-of-day, log-off, initialisation; default
 *                        registration, end-of-day, log-off; see lab-setup.md "factory-new on a bench")
 * @param powerOff        physical terminals: shell command that cuts the terminal's power (switched PDU, USB relay,
 *                        uhubctl); with powerOn it lets the power-loss scenarios run on the bench
 * @param powerOn         physical terminals: shell command that restores the terminal's power
 * @param softwareVersion the software version the terminal should report in Status Enquiry (doctor compares)
 * @param protocol        the ECR protocol the terminal speaks: "zvt" (the default) or "concert" (Telium protocol E+,
 *                        protocols.md §B; its line and register settings under {@code concert:})
 * @param concert         Concert settings ({@link ConcertSettings}); read only when protocol is concert
 */
public record TerminalProfile(
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) String kind,
        String port,
        int baud,
        int stopBits,
        String password,
        String configByte,
        int currency,
        String charset,
        String terminalId,
        String merchantId,
        int hostTimeoutSeconds,
        int t3Millis,
        int t4Seconds,
        boolean abortSupported,
        boolean tolerateUnknownBmps,
        int t1Millis,
        int t2Millis,
        Integer repeats,
        List<String> defects,
        String hostListen,
        String ecrLink,
        String receiptMode,
        List<String> prepare,
        String powerOff,
        String powerOn,
        String softwareVersion,
        String protocol,
        ConcertSettings concert) {
    public static final String ZVT = "zvt";
    public static final String CONCERT = "concert";
    public static final String PRINT_LINE = "printLine";
    public static final String TEXT_BLOCK = "textBlock";

    /** The steps a bench may use to reach its known state (see {@link #prepare}). */
    public static final List<String> PREPARE_STEPS = List.of("registration", "end-of-day", "log-off", "initialisation");

    public TerminalProfile {
        if (protocol == null) {
            protocol = ZVT;
        }
        if (!protocol.equals(ZVT) && !protocol.equals(CONCERT)) {
            throw new IllegalArgumentException("protocol must be 'zvt' (the default) or 'concert' (Telium protocol E+),"
                    + " not '" + protocol + "'");
        }
        if (concert == null) {
            concert = ConcertSettings.defaults();
        }
        if (protocol.equals(CONCERT)) {
            // ZVT's registration fields mean nothing on a Concert line; keep the record total
            password = password == null ? "000000" : password;
            configByte = configByte == null ? "00" : configByte;
            stopBits = stopBits == 0 ? concert.concertLine().settings().stopBits() : stopBits;
            baud = baud == 0 ? concert.concertLine().settings().baud() : baud;
        }
        if (hostListen == null) {
            hostListen = "127.0.0.1:0";
        }
        if (!hostListen.matches("[^:]+:[0-9]{1,5}")) {
            throw new IllegalArgumentException("hostListen must be HOST:PORT (where the terminal reaches its acquirer, "
                    + "e.g. 0.0.0.0:8583), not '" + hostListen + "'");
        }
        if (receiptMode == null) {
            receiptMode = PRINT_LINE;
        }
        if (!receiptMode.equals(PRINT_LINE) && !receiptMode.equals(TEXT_BLOCK)) {
            throw new IllegalArgumentException("receiptMode must be 'printLine' (06 D1 print lines) or 'textBlock' (06 D3"
                    + " text blocks), not '" + receiptMode + "'");
        }
        if (ecrLink == null) {
            ecrLink = "serial";
        }
        if (!ecrLink.equals("serial") && !ecrLink.equals("tcp")) {
            throw new IllegalArgumentException("ecrLink must be 'serial' (DLE/STX framing, CRC, ACK/NAK; also over "
                    + "tcp:// to ser2net) or 'tcp' (ZVT over TCP to an Ethernet terminal, port 20007), not '" + ecrLink + "'");
        }
        if ("physical".equals(kind) && (port == null || port.isBlank())) {
            throw new IllegalArgumentException("a physical terminal needs 'port': its serial device (/dev/serial/by-id/...),"
                    + " tcp://HOST:PORT or rfc2217://HOST:PORT (see lab-setup.md)");
        }
        defects = defects == null ? List.of() : List.copyOf(defects);
        if (prepare == null) {
            prepare = "physical".equals(kind) && !CONCERT.equals(protocol) ? List.of("registration", "end-of-day", "log-off") : List.of();
        }
        prepare = List.copyOf(prepare);
        if (CONCERT.equals(protocol) && !prepare.isEmpty()) {
            throw new IllegalArgumentException("prepare steps are ZVT commands (" + PREPARE_STEPS + "); protocol E+ has "
                    + "none: leave prepare out of a Concert profile");
        }
        if (CONCERT.equals(protocol) && "tcp".equals(ecrLink)) {
            throw new IllegalArgumentException("ecrLink 'tcp' is ZVT over TCP; a Concert terminal talks over a serial "
                    + "line (or tcp:// to ser2net in 'port')");
        }
        for (String step : prepare) {
            if (!PREPARE_STEPS.contains(step)) {
                throw new IllegalArgumentException("prepare step '" + step + "' is not one of " + PREPARE_STEPS);
            }
        }
        if ((powerOff == null) != (powerOn == null)) {
            throw new IllegalArgumentException("powerOff and powerOn go together: name both shell commands (a "
                    + "switched PDU, USB relay or uhubctl) or neither");
        }
        if (!"emulated".equals(kind) && !"physical".equals(kind)) {
            throw new IllegalArgumentException("kind must be 'emulated' or 'physical', not '" + kind + "'");
        }
        if (baud != 9600 && baud != 115200 && baud != 19200 && baud != 38400 && baud != 57600) {
            throw new IllegalArgumentException("baud " + baud + " is not a ZVT rate: use 9600 or 115200");
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stopBits must be 1 or 2 (ZVT uses 2), not " + stopBits);
        }
        if (password == null || !password.matches("[0-9]{6}")) {
            throw new IllegalArgumentException("password must be 6 digits, not '" + password + "'");
        }
        if (configByte == null || !configByte.matches("[0-9A-Fa-f]{2}")) {
            throw new IllegalArgumentException("configByte must be one hex byte such as BA, not '" + configByte + "'");
        }
        if (currency <= 0 || currency > 999) {
            throw new IllegalArgumentException("currency must be an ISO 4217 numeric code such as 978, not " + currency);
        }
        if (charset == null) {
            charset = "CP437";
        }
        if (terminalId == null) {
            throw new IllegalArgumentException("terminalId is required: the 8-digit terminal id the terminal was set up "
                    + "with (ZVT BMP 29, ISO 8583 DE41), e.g. terminalId: \"29110001\"");
        }
        if (merchantId == null || merchantId.isBlank()) {
            throw new IllegalArgumentException("merchantId is required: the merchant id the acquirer knows the terminal "
                    + "by (ISO 8583 DE42, at most 15 characters), e.g. merchantId: \"FS0000000000001\"");
        }
        if (!terminalId.matches("[0-9]{8}")) {
            throw new IllegalArgumentException("terminalId must be 8 digits (ZVT BMP 29 is 4 bytes BCD), not '"
                    + terminalId + "'");
        }
        if (merchantId != null && merchantId.length() > 15) {
            throw new IllegalArgumentException("merchantId is at most 15 characters (ISO 8583 DE42), not '"
                    + merchantId + "'");
        }
        if (hostTimeoutSeconds <= 0) {
            hostTimeoutSeconds = 30;
        }
        if (t3Millis <= 0) {
            t3Millis = 5000;
        }
        if (t4Seconds <= 0) {
            t4Seconds = 180;
        }
        if (t1Millis <= 0) {
            t1Millis = 200;
        }
        if (t2Millis <= 0) {
            t2Millis = 5000;
        }
        if (repeats == null) {
            repeats = 2;
        }
        if (repeats < 0 || repeats > 10) {
            throw new IllegalArgumentException("repeats must be 0..10 (the spec says 2), not " + repeats);
        }
    }

    public static TerminalProfile load(Path file) {
        return Fixtures.load(file, TerminalProfile.class);
    }

    /** A profile by name (fixtures/terminals/NAME.yaml) or by path (anything ending in .yaml). */
    public static TerminalProfile named(String name) {
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return load(Path.of(name).toAbsolutePath());
        }
        return load(Fixtures.root().resolve("terminals").resolve(name + ".yaml"));
    }

    /**
     * This terminal on a lab-timed serial line: an emulated terminal's T2 and T3 shrink with the lab scale (at least
     * 500 ms and 3 s: T3 waits for a busy register), so serial-fault scenarios that wait for repeats run in seconds.
     * A physical terminal keeps its firmware's timers: the profile is returned unchanged.
     */
    public TerminalProfile onLabTimedLine(double scale) {
        if (!emulated() || scale >= 1) {
            return this;
        }
        int t2 = (int) Math.max(500, Math.round(t2Millis * scale));
        int t3 = (int) Math.max(3000, Math.round(t3Millis * scale));
        return new TerminalProfile(name, kind, port, baud, stopBits, password, configByte, currency, charset, terminalId,
                merchantId, hostTimeoutSeconds, t3, t4Seconds, abortSupported, tolerateUnknownBmps, t1Millis, t2,
                repeats, defects, hostListen, ecrLink, receiptMode, prepare, powerOff, powerOn, softwareVersion, protocol,
                concert);
    }

    public int configByteValue() {
        return Integer.parseInt(configByte, 16);
    }

    public Duration hostTimeout() {
        return Duration.ofSeconds(hostTimeoutSeconds);
    }

    /**
     * The ZVT timers of this terminal: T1, T2 and T3 in real time as written; T4 is lab time, turned into real time
     * by {@code clock} (a 180 s T4 lasts 9 s at scale 0.05).
     */
    public LinkTimings linkTimings(LabClock clock) {
        return new LinkTimings(Duration.ofMillis(t1Millis), Duration.ofMillis(t2Millis), repeats,
                Duration.ofMillis(t3Millis), clock.toReal(Duration.ofSeconds(t4Seconds)));
    }

    public String hostListenHost() {
        return hostListen.substring(0, hostListen.lastIndexOf(':'));
    }

    public int hostListenPort() {
        return Integer.parseInt(hostListen.substring(hostListen.lastIndexOf(':') + 1));
    }

    /** Whether the terminal prints to the register with Print Text-Block 06 D3 rather than 06 D1 lines. */
    public boolean printsTextBlocks() {
        return TEXT_BLOCK.equals(receiptMode);
    }

    public boolean emulated() {
        return "emulated".equals(kind);
    }

    /** This profile with another terminal and merchant id (one terminal of a fleet). */
    public TerminalProfile withIds(String tid, String mid) {
        return new TerminalProfile(name, kind, port, baud, stopBits, password, configByte, currency, charset, tid, mid,
                hostTimeoutSeconds, t3Millis, t4Seconds, abortSupported, tolerateUnknownBmps, t1Millis, t2Millis,
                repeats, defects, hostListen, ecrLink, receiptMode, prepare, powerOff, powerOn, softwareVersion, protocol,
                concert);
    }

    /** Whether the harness speaks Concert to this terminal (else ZVT). */
    public boolean concertProtocol() {
        return CONCERT.equals(protocol);
    }

    /** Whether the harness can cut and restore this terminal's power (emulated, or a physical one with commands). */
    public boolean powerControl() {
        return emulated() || powerOff != null;
    }
}
