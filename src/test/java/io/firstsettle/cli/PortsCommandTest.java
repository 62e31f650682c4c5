package io.firstsettle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.port.BytePort;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PortListing;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code firstsettle ports} in-process through picocli, with a real kernel pty held open by this JVM through jssc. */
class PortsCommandTest {

    @Test
    void listsDevicesWithAccessAndTheProcessHoldingThem() {
        String pid = String.valueOf(ProcessHandle.current().pid());
        try (PtyPair pair = PtyPair.open();
             BytePort held = JsscBytePort.open(pair.slavePath(), SerialSettings.zvtDefault())) {
            DecodeCommandTest.Run r = DecodeCommandTest.run("ports", "--device", pair.slavePath(),
                    "--device", "/dev/no-such-tty");
            assertEquals(0, r.exit(), r.err());
            String line = r.out().lines().filter(l -> l.contains(pair.slavePath())).findFirst().orElseThrow(
                    () -> new AssertionError("no line for " + pair.slavePath() + ":\n" + r.out()));
            assertTrue(line.contains("readable, writable"), line);
            assertTrue(line.contains("held by pid " + pid + " ("), line);
            assertTrue(line.contains("this process"), line);
            assertTrue(r.out().contains("/dev/no-such-tty  missing"), r.out());
            assertTrue(r.out().startsWith("serial devices (as user "), r.out());
            for (String d : PortListing.serialDevices()) {
                assertTrue(r.out().contains("  " + d + "  "), "every listed device has a line: " + d + "\n" + r.out());
            }
        }
    }

    /** A pty slave is always held (PtyPair keeps it open), so "free" is shown on a path nobody has open. */
    @Test
    void aPathNobodyHoldsSaysFree(@TempDir Path dir) throws Exception {
        Path f = Files.createFile(dir.resolve("ttyFAKE0"));
        DecodeCommandTest.Run r = DecodeCommandTest.run("ports", "--device", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(f + "  readable, writable, free"), r.out());
    }
}
