package io.firstsettle.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.firstsettle.bank.BankFake;
import io.firstsettle.core.LabClock;
import io.firstsettle.fault.FaultFiles;
import io.firstsettle.fault.FaultProfile;
import io.firstsettle.fault.FaultTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firstsettle bank --port N [--fixtures DIR] [--fault NAME [--terminal TID]] [--notify URL]}: the bank fake alone;
 * a fault without {@code --terminal} hits every terminal. Prints
 * {@code listening on N} when ready; runs until SIGTERM or Ctrl-C.
 */
@Command(name = "bank", mixinStandardHelpOptions = true,
        description = "Run the bank fake (WireMock) alone; prints 'listening on N' when ready.")
final class BankCommand implements Callable<Integer> {
    @Option(names = "--port", required = true, paramLabel = "N", description = "TCP port on 127.0.0.1 (0 = any free port)")
    int port;

    @Option(names = "--fixtures", paramLabel = "DIR", description = "the fixtures directory (default ./fixtures): uses DIR/bank and DIR/faults")
    Path fixtures;

    @Option(names = "--fault", paramLabel = "NAME", description = "apply fixtures/faults/NAME.yaml (a bank fault) at start")
    String fault;

    @Option(names = "--terminal", paramLabel = "TID", description = "narrow the --fault to this terminal (default: every terminal of the bank)")
    String terminal;

    @Option(names = "--notify", paramLabel = "URL", description = "POST a credit notification to URL each time a credit becomes CREDITED (fixtures/bank/README.md)")
    java.net.URI notify;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = fixtures != null ? fixtures.toAbsolutePath() : Main.home().resolve("fixtures");
        if (terminal != null && fault == null) {
            System.err.println("--terminal " + terminal + " narrows a fault: give --fault NAME too");
            return 2;
        }
        FaultProfile profile = fault == null ? null : FaultFiles.load(dir.resolve("faults"), fault);
        LabClock clock = LabClock.real();
        BankFake bank = BankFake.start(dir.resolve("bank"), clock, (s, k, f) -> {
            if ("fault".equals(s) || "bank".equals(s) && k.startsWith("credit-notify")) {
                System.out.println("fault " + k + " " + f);
            }
        }, port);
        if (notify != null) {
            bank.notifyCreditsTo(notify);
        }
        if (profile != null) {
            // without --terminal the whole bank is faulted, as a bank in maintenance is for every merchant
            bank.apply(profile, terminal == null ? FaultTarget.everyTerminal() : FaultTarget.terminal(terminal));
            System.out.println("fault " + profile.name() + " applied to " + (terminal == null ? "every terminal"
                    : "terminal " + terminal));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bank.close();
            System.out.println("stopped");
            System.out.flush();
            stopped.countDown();
        }, "bank-shutdown"));
        System.out.println("listening on " + bank.port());
        System.out.flush();
        stopped.await(); // a server: runs until SIGTERM / Ctrl-C
        return 0;
    }
}
