package io.firstsettle.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.firstsettle.core.LabClock;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firstsettle host --listen HOST:PORT --bank URL}: the acquirer host alone, for a lab whose own host is under
 * test (point that host at {@code firstsettle bank}). Prints {@code listening on HOST:PORT} when ready; runs until
 * SIGTERM or Ctrl-C, then closes the port.
 */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = "Run the ISO 8583 acquirer host alone; prints 'listening on HOST:PORT' when ready.")
final class HostCommand implements Callable<Integer> {
    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", description = "address to listen on (port 0 = any free port)")
    String listen;

    @Option(names = "--bank", required = true, paramLabel = "URL", description = "the bank's base URL, e.g. http://127.0.0.1:8089/")
    URI bank;

    @Option(names = "--packager", paramLabel = "FILE", description = "jPOS GenericPackager XML (default fixtures/iso8583/iso87binary.xml)")
    Path packager;

    @Option(names = "--tpdu", paramLabel = "HEX", description = "channel header: 5-byte TPDU as 10 hex digits (default 6000000000), or 11-byte China UnionPay style TPDU + application header as 22 hex digits")
    String tpdu = HostConfig.DEFAULT_TPDU;

    @Option(names = "--bank-budget", paramLabel = "SECONDS", description = "how long the host waits for the bank (default 20)")
    long bankBudgetSeconds = HostConfig.DEFAULT_BANK_BUDGET.toSeconds();

    @Option(names = "--max-sessions", paramLabel = "N", description = "terminal connections served at once; more are "
            + "refused (logged) while the listener stays open (default 256)")
    int maxSessions = io.firstsettle.host.SessionLimits.DEFAULT_MAX_SESSIONS;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "close a session silent this long (default 120)")
    long idleTimeoutSeconds = io.firstsettle.host.SessionLimits.DEFAULT_IDLE_TIMEOUT.toSeconds();

    @Override
    public Integer call() throws InterruptedException {
        int colon = listen.lastIndexOf(':');
        if (colon < 1) {
            System.err.println("--listen " + listen + " is not HOST:PORT, e.g. 127.0.0.1:8583");
            return 2;
        }
        String bindHost = listen.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            System.err.println("--listen " + listen + ": the port is not a number");
            return 2;
        }
        Path home = Main.home();
        if (System.getProperty("firstsettle.hostlog") == null
                && org.slf4j.LoggerFactory.getLogger("io.firstsettle.host.sessions")
                instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.INFO); // a lab running the host alone wants to see its sessions
        }
        HostConfig c = new HostConfig(bindHost, port, bank.toString().endsWith("/") ? bank : URI.create(bank + "/"),
                packager != null ? packager : home.resolve(HostConfig.DEFAULT_PACKAGER), tpdu,
                home.resolve(HostConfig.DEFAULT_RESPONSE_CODES), Duration.ofSeconds(bankBudgetSeconds), LabClock.real(),
                null);
        AcquirerHost host = AcquirerHost.start(c, new io.firstsettle.host.SessionLimits(maxSessions,
                Duration.ofSeconds(idleTimeoutSeconds)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            host.close();
            System.out.println("stopped");
            System.out.flush();
            stopped.countDown();
        }, "host-shutdown"));
        System.out.println("listening on " + bindHost + ":" + host.port());
        System.out.flush();
        stopped.await(); // a server: runs until SIGTERM / Ctrl-C
        return 0;
    }
}
