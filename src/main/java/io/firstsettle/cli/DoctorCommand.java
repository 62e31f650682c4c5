package io.firstsettle.cli;

import io.firstsettle.core.LabClock;
import io.firstsettle.lab.Doctor;
import io.firstsettle.lab.PortAccess;
import io.firstsettle.profile.TerminalProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code firstsettle doctor --terminal PROFILE}: is the bench terminal ready? Exit 0 healthy, 1 not ready, 2 usage. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check a physical terminal from the port up (port, permissions, line, ACK, Registration, TID and "
                + "software version, hostListen, the terminal reaching the host, bank fixtures), each with its fix. "
                + "Exit 0 healthy, 1 not ready, 2 usage.")
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--terminal", required = true, description = "terminal profile (name under fixtures/terminals or "
            + "a path to a .yaml)")
    String terminal;

    @Override
    public Integer call() {
        Main.defaultFixtures();
        TerminalProfile p = TerminalProfile.named(terminal);
        if (p.emulated()) {
            System.err.println("firstsettle doctor: " + p.name() + " is an emulated terminal; the doctor checks a "
                    + "physical one (kind: physical, see lab-setup.md)");
            return 2;
        }
        Path fixtures = Path.of(System.getProperty("firstsettle.fixtures", Main.home().resolve("fixtures").toString()));
        System.out.println("doctor, terminal " + p.name() + " (TID " + p.terminalId() + ", " + p.port() + "):");
        List<Doctor.Check> checks = new Doctor(p, fixtures, LabClock.real(), PortAccess.Identity.current(), null).run();
        checks.forEach(c -> System.out.println("  " + c.render().replace("\n", "\n  ")));
        boolean ok = Doctor.healthy(checks);
        System.out.println(ok ? "healthy: ready for a run" : "not ready: fix the first FAIL above and run the doctor again");
        return ok ? 0 : 1;
    }
}
