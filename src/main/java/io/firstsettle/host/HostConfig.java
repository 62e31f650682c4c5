package io.firstsettle.host;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;

/**
 * How to start an {@link AcquirerHost}.
 *
 * @param bindHost          address to listen on, "127.0.0.1" by default
 * @param port              TCP port, 0 for an ephemeral one (read it back with {@link AcquirerHost#port()})
 * @param bankBaseUrl       the bank's base URL, e.g. {@code BankFake.baseUrl()}
 * @param packagerXml       jPOS GenericPackager field table
 * @param tpduHex           the channel header: the 5-byte TPDU as 10 hex digits, or an 11-byte China UnionPay style
 *                          header (TPDU 5 + application header 6) as 22 hex digits, e.g. {@code 6000030000613100310003}
 * @param responseCodesYaml DE39 table
 * @param bankBudget        how long (lab time) the host waits for the bank before answering "late"
 * @param clock             the lab clock
 * @param events            evidence sink
 */
public record HostConfig(String bindHost, int port, URI bankBaseUrl, Path packagerXml, String tpduHex,
                         Path responseCodesYaml, Duration bankBudget, LabClock clock, EventSink events) {

    public static final Path DEFAULT_PACKAGER = Path.of("fixtures", "iso8583", "iso87binary.xml");
    public static final Path DEFAULT_RESPONSE_CODES = Path.of("fixtures", "host", "response-codes.yaml");
    public static final String DEFAULT_TPDU = "6000000000";
    /** Length of a China UnionPay style channel header: TPDU (5) + application header (6). */
    public static final int CUP_HEADER_BYTES = io.firstsettle.core.IsoFrameFormat.CUP_HEADER_BYTES;
    public static final Duration DEFAULT_BANK_BUDGET = Duration.ofSeconds(20);

    public HostConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(bankBaseUrl, "bankBaseUrl");
        Objects.requireNonNull(packagerXml, "packagerXml");
        Objects.requireNonNull(responseCodesYaml, "responseCodesYaml");
        Objects.requireNonNull(bankBudget, "bankBudget");
        Objects.requireNonNull(clock, "clock");
        events = events == null ? EventSink.NONE : events;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("host port " + port + " is out of range: use 0 (ephemeral) or 1..65535");
        }
        if (tpduHex == null || !tpduHex.matches("[0-9A-Fa-f]{10}|[0-9A-Fa-f]{22}")) {
            throw new IllegalArgumentException("TPDU header \"" + tpduHex + "\" is neither 5 nor 11 bytes of hex: use 10 "
                    + "hex digits such as " + DEFAULT_TPDU + ", or 22 for a China UnionPay style header (TPDU + "
                    + "application header) such as 6000030000613100310003");
        }
        if (bankBudget.isNegative() || bankBudget.isZero()) {
            throw new IllegalArgumentException("bank budget " + bankBudget + " must be positive (lab time, e.g. 20 s)");
        }
    }

    public static HostConfig defaults(URI bank, LabClock clock, EventSink events) {
        return new HostConfig("127.0.0.1", 0, bank, DEFAULT_PACKAGER, DEFAULT_TPDU, DEFAULT_RESPONSE_CODES,
                DEFAULT_BANK_BUDGET, clock, events);
    }

    public HostConfig withPort(int p) {
        return new HostConfig(bindHost, p, bankBaseUrl, packagerXml, tpduHex, responseCodesYaml, bankBudget, clock, events);
    }

    public HostConfig withPackagerXml(Path p) {
        return new HostConfig(bindHost, port, bankBaseUrl, p, tpduHex, responseCodesYaml, bankBudget, clock, events);
    }

    public HostConfig withTpduHex(String t) {
        return new HostConfig(bindHost, port, bankBaseUrl, packagerXml, t, responseCodesYaml, bankBudget, clock, events);
    }

    public HostConfig withResponseCodesYaml(Path p) {
        return new HostConfig(bindHost, port, bankBaseUrl, packagerXml, tpduHex, p, bankBudget, clock, events);
    }

    public HostConfig withBankBudget(Duration d) {
        return new HostConfig(bindHost, port, bankBaseUrl, packagerXml, tpduHex, responseCodesYaml, d, clock, events);
    }

    /** How the host's messages are framed on the wire (its header, 5 or 11 bytes), for clients and the link proxy. */
    public io.firstsettle.core.IsoFrameFormat frameFormat() {
        return io.firstsettle.core.IsoFrameFormat.ofHeaderHex(tpduHex);
    }
}
