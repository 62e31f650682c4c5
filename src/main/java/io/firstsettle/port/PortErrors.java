package io.firstsettle.port;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds the PortExceptions of the serial side: each says what failed, on which port and what to do. */
final class PortErrors {
    static final String DIALOUT_HINT = "add the user to group dialout (sudo usermod -aG dialout $USER, then log in again)"
            + " or install the udev rule in lab-setup.md";

    private PortErrors() {
    }

    static PortException notFound(String port, String detail) {
        return notFound(port, detail, null);
    }

    static PortException notFound(String port, String detail, Throwable cause) {
        return new PortException(PortException.Kind.NOT_FOUND, port, "port not found: " + port
                + (detail == null ? "" : " (" + detail + ")") + " — check the path in the terminal profile; "
                + PortListing.describeExisting(), cause);
    }

    static PortException permissionDenied(String port) {
        return permissionDenied(port, null);
    }

    static PortException permissionDenied(String port, Throwable cause) {
        return new PortException(PortException.Kind.PERMISSION_DENIED, port,
                port + ": permission denied — " + DIALOUT_HINT, cause);
    }

    static PortException busy(String port, Throwable cause) {
        Optional<String> holder = holderOf(port);
        return new PortException(PortException.Kind.BUSY, port, port + ": port busy — "
                + holder.map(h -> h + " has it open: stop it (or close its session) and retry")
                .orElse("another program has it open (minicom, screen, ModemManager, a second harness?): close it and retry"), cause);
    }

    static PortException linkGone(String port, Throwable cause) {
        return new PortException(PortException.Kind.LINK_GONE, port, "link gone: " + port
                + " (input/output error) — the device was unplugged or the far end closed", cause);
    }

    /** Whether a native error text means the link went away (EIO, ENXIO, ENODEV, EBADF after hangup). */
    static boolean meansLinkGone(String text) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("input/output error") || t.contains("no such device")
                || t.contains("bad file descriptor");
    }

    /** Finds a process holding {@code port} open by scanning {@code /proc/* /fd} links ("pid 1234 (minicom)"). */
    static Optional<String> holderOf(String port) {
        Path target;
        try {
            target = Path.of(port).toRealPath();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        long self = ProcessHandle.current().pid();
        List<String> holders = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                Path fdDir = proc.resolve("fd");
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
                    for (Path fd : fds) {
                        Path to;
                        try {
                            to = Files.readSymbolicLink(fd);
                        } catch (IOException | UnsupportedOperationException e) {
                            continue;
                        }
                        if (to.equals(target)) {
                            String pid = proc.getFileName().toString();
                            String comm = "?";
                            try {
                                comm = Files.readString(proc.resolve("comm")).trim();
                            } catch (IOException e) {
                                // keep "?"
                            }
                            holders.add("pid " + pid + " (" + comm + (pid.equals(String.valueOf(self)) ? ", this process" : "")
                                    + ")");
                            break;
                        }
                    }
                } catch (IOException e) {
                    // another user's process: cannot look inside, skip
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return holders.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", holders));
    }
}
