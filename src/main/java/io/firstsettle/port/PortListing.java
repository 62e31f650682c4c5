package io.firstsettle.port;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the serial devices present on this machine. jssc's {@code SerialPortList} only finds {@code ttyS}-style
 * names; a bench has USB adapters ({@code ttyUSB*}, {@code ttyACM*}) and stable {@code /dev/serial/by-id} links.
 */
public final class PortListing {
    private PortListing() {
    }

    /** Device paths under {@code /dev}: {@code ttyS*}, {@code ttyUSB*}, {@code ttyACM*}, then {@code /dev/serial/by-id/*}. */
    public static List<String> serialDevices() {
        List<String> out = new ArrayList<>();
        for (String glob : List.of("ttyS*", "ttyUSB*", "ttyACM*")) {
            out.addAll(scan(Path.of("/dev"), glob));
        }
        out.addAll(scan(Path.of("/dev/serial/by-id"), "*"));
        return out;
    }

    /**
     * What this user can do with one device.
     *
     * @param holder the processes holding it open ("pid 1234 (minicom)"), when /proc shows them
     */
    public record PortStatus(String path, boolean exists, boolean readable, boolean writable, Optional<String> holder) {
    }

    /** Whether {@code device} exists, is readable and writable by the current user, and who holds it open. */
    public static PortStatus status(String device) {
        Path p = Path.of(device);
        boolean exists = Files.exists(p);
        return new PortStatus(device, exists, exists && Files.isReadable(p), exists && Files.isWritable(p),
                exists ? PortErrors.holderOf(device) : Optional.empty());
    }

    private static List<String> scan(Path dir, String glob) {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            for (Path p : ds) {
                found.add(p.toString());
            }
        } catch (IOException e) {
            // an unreadable directory lists nothing; the caller reports what it could find
        }
        found.sort(PortListing::naturalOrder);
        return found;
    }

    /** ttyS2 before ttyS10. */
    private static int naturalOrder(String a, String b) {
        int i = a.length();
        while (i > 0 && Character.isDigit(a.charAt(i - 1))) {
            i--;
        }
        int j = b.length();
        while (j > 0 && Character.isDigit(b.charAt(j - 1))) {
            j--;
        }
        int c = a.substring(0, i).compareTo(b.substring(0, j));
        if (c != 0 || i == a.length() || j == b.length()) {
            return c != 0 ? c : a.compareTo(b);
        }
        String na = a.substring(i);
        String nb = b.substring(j);
        return na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
    }

    /** One line for an error message: the devices found, or a hint when there are none. */
    static String describeExisting() {
        List<String> found = serialDevices();
        if (found.isEmpty()) {
            return "no serial devices found (looked for /dev/ttyS*, /dev/ttyUSB*, /dev/ttyACM*, /dev/serial/by-id/*):"
                    + " plug in the USB-serial adapter and check dmesg";
        }
        return "serial devices that exist: " + String.join(", ", found);
    }
}
