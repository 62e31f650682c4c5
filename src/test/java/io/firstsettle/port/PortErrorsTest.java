package io.firstsettle.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jssc.SerialPortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure names the port and what to do. */
class PortErrorsTest {

    @Test
    void aMissingPortIsNotFoundAndListsTheDevicesThatExist() {
        PortException e = assertThrows(PortException.class,
                () -> JsscBytePort.open("/dev/ttyUSB97", SerialSettings.zvtDefault()));
        assertEquals(PortException.Kind.NOT_FOUND, e.kind());
        assertEquals("/dev/ttyUSB97", e.port());
        assertTrue(e.getMessage().startsWith("port not found: /dev/ttyUSB97"), e.getMessage());
        var existing = PortListing.serialDevices();
        if (existing.isEmpty()) {
            assertTrue(e.getMessage().contains("no serial devices found"), e.getMessage());
        } else {
            assertTrue(e.getMessage().contains("serial devices that exist: " + String.join(", ", existing)),
                    e.getMessage());
        }
    }

    @Test
    void aDanglingSymlinkSaysWhatItPointedAt(@TempDir Path dir) throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("firstsettle-pt0"), Path.of("/dev/pts/999999"));
        PortException e = assertThrows(PortException.class,
                () -> BytePorts.open(link.toString(), SerialSettings.zvtDefault()));
        assertEquals(PortException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("dangling symlink to /dev/pts/999999"), e.getMessage());
    }

    @Test
    void jsscPermissionDeniedIsClassifiedWithTheDialoutAdvice() {
        // tests run as root, which bypasses file permissions: check the mapping of jssc's own exception instead
        var jssc = new SerialPortException("/dev/ttyUSB0", "openPort()", SerialPortException.TYPE_PERMISSION_DENIED);
        PortException e = JsscBytePort.classify(jssc, "/dev/ttyUSB0");
        assertEquals(PortException.Kind.PERMISSION_DENIED, e.kind());
        assertSame(jssc, e.getCause());
        assertEquals("/dev/ttyUSB0: permission denied — add the user to group dialout (sudo usermod -aG dialout $USER,"
                + " then log in again) or install the udev rule in lab-setup.md", e.getMessage());
    }

    @Test
    void jsscNotFoundBusyAndIoErrorsAreClassified() {
        assertEquals(PortException.Kind.NOT_FOUND, JsscBytePort.classify(new SerialPortException("/dev/ttyS9",
                "openPort()", SerialPortException.TYPE_PORT_NOT_FOUND), "/dev/ttyS9").kind());
        PortException gone = JsscBytePort.classify(new SerialPortException("/dev/ttyUSB0", "readBytes()",
                "Input/output error"), "/dev/ttyUSB0");
        assertEquals(PortException.Kind.LINK_GONE, gone.kind());
        assertEquals("link gone: /dev/ttyUSB0 (input/output error) — the device was unplugged or the far end closed",
                gone.getMessage());
        PortException busy = JsscBytePort.classify(new SerialPortException("/dev/ttyS9", "openPort()",
                SerialPortException.TYPE_PORT_BUSY), "/dev/ttyS9");
        assertEquals(PortException.Kind.BUSY, busy.kind());
        assertTrue(busy.getMessage().startsWith("/dev/ttyS9: port busy — "), busy.getMessage());
        PortException other = JsscBytePort.classify(new SerialPortException("/dev/ttyS9", "setEventsMask()",
                SerialPortException.TYPE_CANT_SET_MASK), "/dev/ttyS9");
        assertEquals(PortException.Kind.OTHER, other.kind());
        assertTrue(other.getMessage().contains("/dev/ttyS9"), other.getMessage());
    }

    @Test
    void busyNamesTheProcessThatHoldsThePort() {
        // root bypasses TIOCEXCL, so jssc never reports busy here; the pty pair holds the slave open, which is
        // exactly what /proc/*/fd shows for a program that has a port open
        try (PtyPair pair = PtyPair.open()) {
            PortException e = JsscBytePort.classify(new SerialPortException(pair.slavePath(), "openPort()",
                    SerialPortException.TYPE_PORT_BUSY), pair.slavePath());
            assertEquals(PortException.Kind.BUSY, e.kind());
            String pid = String.valueOf(ProcessHandle.current().pid());
            assertTrue(e.getMessage().contains("pid " + pid + " ("), e.getMessage());
            assertTrue(e.getMessage().contains("this process"), e.getMessage());
        }
    }

    @Test
    void rfc2217WithNothingListeningAndUnknownSchemesAreRefusedClearly() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String spec = "rfc2217://127.0.0.1:" + closedPort;
        PortException e = assertThrows(PortException.class, () -> BytePorts.open(spec, SerialSettings.zvtDefault()));
        assertEquals(PortException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith(spec + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        PortException bad = assertThrows(PortException.class,
                () -> BytePorts.open("rfc2217://no-port-given", SerialSettings.zvtDefault()));
        assertTrue(bad.getMessage().contains("rfc2217://host:port"), bad.getMessage());
        PortException u = assertThrows(PortException.class,
                () -> BytePorts.open("socket://bench-3:4001", SerialSettings.zvtDefault()));
        assertTrue(u.getMessage().contains("unknown port scheme"), u.getMessage());
    }

    @Test
    void bytePortsOpensAPtyThroughJssc() {
        try (PtyPair pair = PtyPair.open();
             BytePort port = BytePorts.open(pair.slavePath(), SerialSettings.zvtDefault())) {
            assertTrue(port instanceof JsscBytePort, port.toString());
            assertEquals(pair.slavePath(), port.name());
        }
    }

    @Test
    void settingsAreValidated() {
        SerialSettings zvt = SerialSettings.zvtDefault();
        assertEquals(9600, zvt.baud());
        assertEquals(8, zvt.dataBits());
        assertEquals(2, zvt.stopBits());
        assertEquals(SerialSettings.Parity.NONE, zvt.parity());
        assertEquals("9600 8N2", zvt.toString());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new SerialSettings(9601, 8, 2, SerialSettings.Parity.NONE));
        assertTrue(bad.getMessage().contains("9600"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SerialSettings(9600, 9, 1, SerialSettings.Parity.NONE));
        assertThrows(IllegalArgumentException.class, () -> new SerialSettings(9600, 8, 3, SerialSettings.Parity.NONE));
    }

    @Test
    void ptyDetectionResolvesSymlinksAndRejectsOrdinaryFiles(@TempDir Path dir) throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            assertTrue(JsscBytePort.isPty(Path.of(pair.slavePath())));
            assertTrue(JsscBytePort.isPty(pair.link(dir.resolve("pt"))));
        }
        assertFalse(JsscBytePort.isPty(Path.of("/dev/null")));
        assertFalse(JsscBytePort.isPty(Files.createFile(dir.resolve("plain"))));
    }

    @Test
    void listingOnlyNamesDevicesThatExist() {
        for (String d : PortListing.serialDevices()) {
            assertTrue(Files.exists(Path.of(d), java.nio.file.LinkOption.NOFOLLOW_LINKS), d);
            assertTrue(d.startsWith("/dev/tty") || d.startsWith("/dev/serial/by-id/"), d);
        }
    }
}
