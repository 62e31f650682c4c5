package io.firstsettle.lab;

import io.firstsettle.core.event.Generic;
import io.firstsettle.bank.BankFake;
import io.firstsettle.core.EventSink;
import io.firstsettle.core.LabClock;
import io.firstsettle.ecr.zvt.link.ApduLink;
import io.firstsettle.ecr.zvt.message.Completion;
import io.firstsettle.ecr.zvt.register.EcrClient;
import io.firstsettle.ecr.zvt.register.EcrTranscript;
import io.firstsettle.ecr.zvt.message.Registration;
import io.firstsettle.ecr.zvt.message.StatusEnquiry;
import io.firstsettle.host.AcquirerHost;
import io.firstsettle.host.HostConfig;
import io.firstsettle.port.PortException;
import io.firstsettle.port.PortListing;
import io.firstsettle.profile.TerminalProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code firstsettle doctor}: is this bench terminal ready for a run? Checks from the port upward, each with its fix,
 * and stops at the first failure a later check depends on: the port exists and this user may open it (and nobody else
 * holds it), the line settings take, the terminal ACKs, Registration succeeds, its TID (Registration) and software
 * version (Status Enquiry) match the profile, the bank fixtures load, {@code hostListen} binds, and the terminal
 * reaches the harness's host when Diagnosis 06 70 makes it dial.
 */
public final class Doctor {
    /** One check: its name, pass or fail, what was seen, and what to do when it failed. */
    public record Check(String name, boolean pass, String detail, String fix) {
        public String render() {
            return (pass ? "PASS " : "FAIL ") + name + ": " + detail + (pass || fix == null ? "" : "\n     fix: " + fix);
        }
    }

    private final TerminalProfile p;
    private final Path fixtures;
    private final LabClock clock;
    private final PortAccess.Identity who;
    private final EventSink events;
    private final List<Check> checks = new ArrayList<>();

    public Doctor(TerminalProfile p, Path fixtures, LabClock clock, PortAccess.Identity who, EventSink events) {
        this.p = p;
        this.fixtures = fixtures;
        this.clock = clock;
        this.who = who;
        this.events = events == null ? EventSink.NONE : events;
    }

    public static boolean healthy(List<Check> checks) {
        return !checks.isEmpty() && checks.stream().allMatch(Check::pass);
    }

    /** Runs the checks; the list ends at the first failure that later checks depend on. */
    public List<Check> run() {
        if (p.emulated()) {
            add("profile", false, p.name() + " is an emulated terminal", "the doctor checks a physical terminal: give "
                    + "a profile with kind: physical");
            return checks;
        }
        if (!portChecks()) {
            return checks;
        }
        ApduLink link;
        try {
            link = BenchLine.open(p, clock, events);
            add("line settings", true, p.port() + " open at " + p.baud() + " 8N" + p.stopBits(), null);
        } catch (PortException e) {
            add("line settings", false, e.getMessage(), fixFor(e.kind()));
            return checks;
        }
        try (link) {
            EcrClient ecr = BenchLine.register(link, p, clock, events);
            if (!terminalChecks(ecr)) {
                return checks;
            }
            BankFake bank;
            try {
                bank = BankFake.start(fixtures.resolve("bank"), clock, events);
                add("bank fixtures", true, fixtures.resolve("bank") + " loaded", null);
            } catch (RuntimeException e) {
                add("bank fixtures", false, String.valueOf(e.getMessage()), "fix the file it names under "
                        + fixtures.resolve("bank") + " (contract: fixtures/bank/README.md)");
                return checks;
            }
            try (bank) {
                hostChecks(ecr, bank);
            }
        }
        return checks;
    }

    private boolean portChecks() {
        if (p.port().contains("://")) {
            add("port", true, p.port() + " is a network line (checked when it is opened)", null);
            return true;
        }
        PortListing.PortStatus st = PortListing.status(p.port());
        if (!st.exists()) {
            List<String> there = PortListing.serialDevices();
            add("port exists", false, p.port() + " does not exist", "plug the adapter in and check the profile's "
                    + "port (a /dev/serial/by-id/ link, lab-setup.md §2); devices here: "
                    + (there.isEmpty() ? "none" : String.join(", ", there)));
            return false;
        }
        String real = realPath(p.port());
        add("port exists", true, p.port() + (real.equals(p.port()) ? "" : " -> " + real), null);
        PortAccess.Verdict access = PortAccess.check(Path.of(p.port()), who);
        if (!access.allowed()) {
            add("port access", false, access.why(), access.fix(who.name()));
            return false;
        }
        add("port access", true, access.why(), null);
        Optional<String> holder = st.holder().filter(h -> !h.contains("pid " + ProcessHandle.current().pid() + " "));
        if (holder.isPresent() && real.startsWith("/dev/pts/")) {
            // a pseudo-terminal's other end is held by whoever made it (socat, a port server): that is the cable
            add("port free", true, real + " is a pseudo-terminal; its far end is held by " + holder.get(), null);
            return true;
        }
        if (holder.isPresent()) {
            add("port free", false, p.port() + " is held by " + holder.get(), "close that program (minicom, screen, "
                    + "another harness run); ModemManager or brltty: see lab-setup.md §3");
            return false;
        }
        add("port free", true, "no other process holds " + p.port(), null);
        return true;
    }

    private boolean terminalChecks(EcrClient ecr) {
        EcrTranscript reg = ecr.register(new Registration(p.password(), p.configByteValue(), p.currency(), null));
        // no link-level ACK (06) after the repeats, or no 80 00 00 within T3: nothing answers on this line
        boolean acked = reg.finished() || reg.resultCode() != null || reg.problem() == null
                || !(reg.problem().startsWith("no 80 00 00") || reg.problem().startsWith("no ACK")
                || reg.problem().startsWith("terminal unreachable"));
        if (!acked) {
            add("terminal ACKs", false, reg.problem(), "the terminal is off, the cable or null-modem is wrong, the "
                    + "baud rate differs, or its ECR interface is not ZVT on this port (lab-setup.md §1)");
            return false;
        }
        add("terminal ACKs", true, "Registration 06 00 was acknowledged", null);
        if (!reg.finished() || !reg.success()) {
            add("registration", false, BenchPrep.describe(reg), "check the profile's password and configByte "
                    + "against the terminal's ECR settings; result 83/84 often means the password is wrong");
            return false;
        }
        add("registration", true, "Registration 06 00 completed", null);
        Optional<Integer> tid = Optional.ofNullable(reg.completion()).flatMap(Completion::terminalId);
        String want = p.terminalId();
        if (tid.isPresent() && want != null && tid.get() != Integer.parseInt(want)) {
            add("terminal ID", false, String.format("the terminal says TID %08d, the profile %s", tid.get(), want),
                    String.format("set terminalId: \"%08d\" in the profile, or connect the terminal the profile "
                            + "describes", tid.get()));
            return false;
        }
        add("terminal ID", true, tid.map(t -> String.format("TID %08d", t)).orElse("the terminal sent no TID; the "
                + "profile says " + want), null);
        EcrTranscript se = ecr.statusEnquiry(new StatusEnquiry(p.password()));
        Optional<String> sw = Optional.ofNullable(se.completion()).flatMap(Completion::swVersion).map(String::trim);
        if (!se.finished()) {
            add("status enquiry", false, BenchPrep.describe(se), "the terminal does not answer Status Enquiry 05 01; "
                    + "check its firmware's ZVT support");
            return false;
        }
        if (p.softwareVersion() != null && sw.isPresent() && !sw.get().equals(p.softwareVersion().trim())) {
            add("software version", false, "the terminal runs '" + sw.get() + "', the profile says '"
                    + p.softwareVersion() + "'", "update softwareVersion in the profile after checking the firmware "
                    + "is the one to certify");
            return false;
        }
        add("software version", true, sw.map(v -> "'" + v + "'").orElse("not reported")
                + (p.softwareVersion() == null ? " (the profile names none)" : " as the profile says"), null);
        return true;
    }

    private void hostChecks(EcrClient ecr, BankFake bank) {
        HostConfig hc = new HostConfig(p.hostListenHost(), p.hostListenPort(), bank.baseUrl(),
                fixtures.resolve("iso8583").resolve("iso87binary.xml"), HostConfig.DEFAULT_TPDU,
                fixtures.resolve("host").resolve("response-codes.yaml"), HostConfig.DEFAULT_BANK_BUDGET, clock, events);
        AcquirerHost host;
        try {
            host = AcquirerHost.startPersistent(hc, LabState.acquirerRecords(), p.terminalId());
            add("hostListen binds", true, "the harness's host listens on " + p.hostListen(), null);
        } catch (RuntimeException e) {
            add("hostListen binds", false, String.valueOf(e.getMessage()), "another program or run uses "
                    + p.hostListen() + " (ss -ltnp), or the address is not this machine's; change hostListen and "
                    + "the terminal's acquirer address together");
            return;
        }
        try (host) {
            EcrTranscript diag = ecr.run("Diagnosis", new io.firstsettle.ecr.zvt.message.Diagnosis().toApdu());
            boolean reached = host.journal().entries().stream()
                    .anyMatch(e -> !e.isOut() && p.terminalId() != null && p.terminalId().equals(e.tid()));
            if (!reached) {
                add("terminal reaches host", false, "after Diagnosis 06 70 (" + BenchPrep.describe(diag)
                        + ") no message from TID " + p.terminalId() + " reached " + p.hostListen(), "set the "
                        + "terminal's acquirer host to this machine's lab IP and port " + p.hostListenPort()
                        + ", TPDU/NII " + HostConfig.DEFAULT_TPDU + ", and open the port in the firewall");
                return;
            }
            add("terminal reaches host", true, "Diagnosis 06 70 made TID " + p.terminalId() + " dial "
                    + p.hostListen() + " (" + BenchPrep.describe(diag) + ")", null);
        }
    }

    private static String realPath(String port) {
        try {
            return Path.of(port).toRealPath().toString();
        } catch (java.io.IOException e) {
            return port;
        }
    }

    private static String fixFor(PortException.Kind k) {
        return switch (k) {
            case NOT_FOUND -> "check the path or the port server's address (lab-setup.md §2, §4)";
            case PERMISSION_DENIED -> "add the user to dialout or install the udev rule (lab-setup.md §3)";
            case BUSY -> "close the program holding it (the message names it); ModemManager/brltty: lab-setup.md §3";
            case CONFIG_REJECTED -> "the adapter or port server refuses the setting it names: use an FTDI adapter or "
                    + "set the line in ser2net";
            case LINK_GONE -> "plug the adapter back in / restart the port server";
            default -> "see lab-setup.md's troubleshooting table";
        };
    }

    private void add(String name, boolean pass, String detail, String fix) {
        Check c = new Check(name, pass, detail, fix);
        checks.add(c);
        events.record("doctor", new Generic("check", java.util.Map.of("check", name, "pass", pass, "detail",
                String.valueOf(detail))));
    }
}
