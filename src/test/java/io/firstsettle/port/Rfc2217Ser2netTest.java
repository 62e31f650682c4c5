package io.firstsettle.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.firstsettle.core.LabClock;
import io.firstsettle.core.Waits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code rfc2217://} against a real ser2net exporting the slave of a kernel pty in telnet(rfc2217) mode: the baud rate
 * asked for arrives in the pty's termios, and bytes (0xFF included) cross both ways. Needs ser2net installed
 * ({@code apt-get install ser2net}; .ci/run installs it).
 */
@Tag("lab-tools")
class Rfc2217Ser2netTest {

    @Test
    void ser2netSetsThePtyLineAndCarriesDataBothWays() throws Exception {
        Path ser2net = Path.of("/usr/sbin/ser2net");
        if (!Files.isExecutable(ser2net)) {
            fail("ser2net is not installed (" + ser2net + " missing): run `apt-get install -y ser2net` — this test"
                    + " checks rfc2217:// against the real port server the lab uses");
        }
        int tcpPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            tcpPort = s.getLocalPort();
        }
        try (PtyPair pty = PtyPair.open()) {
            String yaml = "connection: &rfc#  accepter: telnet(rfc2217),tcp,127.0.0.1," + tcpPort
                    + "#  connector: serialdev," + pty.slavePath() + ",9600n82,local#  options:#    kickolduser: true";
            // ser2net deletes its pid file when it exits: never point -P at /dev/null (as root that removes the
            // device node for the whole machine); give it a throwaway file of its own
            Path pidFile = Files.createTempFile("ser2net", ".pid");
            Process p = new ProcessBuilder(ser2net.toString(), "-n", "-u", "-P", pidFile.toString(), "-Y", yaml)
                    .redirectErrorStream(true).start();
            try {
                Waits.until(LabClock.real(), "ser2net listening on 127.0.0.1:" + tcpPort, Duration.ofSeconds(5),
                        () -> accepts(tcpPort) ? Optional.of(true) : Optional.empty(),
                        () -> p.isAlive() ? "ser2net running, port closed" : "ser2net exited: " + output(p));
                String spec = "rfc2217://127.0.0.1:" + tcpPort;
                try (Rfc2217BytePort port = Rfc2217BytePort.open(spec,
                        new SerialSettings(115200, 8, 2, SerialSettings.Parity.NONE), Duration.ofSeconds(1))) {
                    String stty = stty(pty.slavePath());
                    assertTrue(stty.contains("speed 115200 baud"), "ser2net set the pty to 115200: " + stty);
                    assertTrue(stty.contains("cstopb") && !stty.contains("-cstopb"), "2 stop bits: " + stty);

                    // SET-CONTROL reaches ser2net and leaves the session working; a pty has no modem lines, so
                    // ser2net's ioctl fails and it sends no answer: not confirmed, within the bound, no error
                    long t0 = System.nanoTime();
                    assertFalse(port.setDtr(true), "a pty's DTR cannot be confirmed: " + port.negotiationLog());
                    assertFalse(port.setRts(false), "a pty's RTS cannot be confirmed: " + port.negotiationLog());
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertTrue(ms < 2500, "two unanswered commands within their 1 s bounds: " + ms + " ms");
                    assertTrue(port.negotiationLog().containsAll(List.of("sent SET-CONTROL DTR ON",
                            "no answer to DTR ON within 1000 ms", "sent SET-CONTROL RTS OFF")),
                            port.negotiationLog().toString());
                    byte[] out = HexFormat.of().parseHex("100206D3FF0300414243100305FFFF00");
                    port.write(out);
                    assertArrayEquals(out, PtyJsscTest.readExactly(pty.master(), out.length, 3000),
                            "at the pty master, 0xFF once");
                    byte[] in = HexFormat.of().parseHex("1002040F02FF27100371C3FF");
                    pty.master().write(in);
                    assertArrayEquals(in, PtyJsscTest.readExactly(port, in.length, 3000),
                            "back through ser2net, IAC IAC un-escaped");
                }
            } finally {
                p.destroy();
                if (!p.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String output(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String stty(String device) throws Exception {
        Process s = new ProcessBuilder("stty", "-a", "-F", device).redirectErrorStream(true).start();
        String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        s.waitFor();
        return text;
    }
}
