package io.firstsettle.cli;

import io.firstsettle.port.PortListing;
import io.firstsettle.port.PortListing.PortStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firstsettle ports}: the serial devices on this machine, whether this user may open them, and who holds them.
 * The first thing to run on a bench when a terminal does not answer.
 */
@Command(name = "ports", mixinStandardHelpOptions = true,
        description = "List serial devices (/dev/ttyS*, ttyUSB*, ttyACM*, /dev/serial/by-id/*): readable/writable by"
                + " you, and which process holds each one.")
public final class PortsCommand implements Callable<Integer> {

    @Option(names = "--device", paramLabel = "PATH",
            description = "Also describe this device (e.g. a pty or a udev symlink); may be repeated.")
    List<String> extra = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> devices = new ArrayList<>(PortListing.serialDevices());
        for (String d : extra) {
            if (!devices.contains(d)) {
                devices.add(d);
            }
        }
        String user = System.getProperty("user.name");
        if (devices.isEmpty()) {
            System.out.println("no serial devices found (looked for /dev/ttyS*, /dev/ttyUSB*, /dev/ttyACM*,"
                    + " /dev/serial/by-id/*): plug in the USB-serial adapter and check dmesg");
            return 0;
        }
        System.out.println("serial devices (as user " + user + "):");
        for (String d : devices) {
            System.out.println("  " + line(PortListing.status(d)));
        }
        return 0;
    }

    static String line(PortStatus s) {
        if (!s.exists()) {
            return s.path() + "  missing";
        }
        StringBuilder b = new StringBuilder(s.path());
        b.append("  ").append(s.readable() ? "readable" : "NOT readable").append(", ")
                .append(s.writable() ? "writable" : "NOT writable");
        b.append(", ").append(s.holder().map(h -> "held by " + h).orElse("free"));
        if (!s.readable() || !s.writable()) {
            b.append(" — add the user to group dialout (sudo usermod -aG dialout $USER, then log in again),"
                    + " or install the udev rule in lab-setup.md");
        }
        return b.toString();
    }
}
