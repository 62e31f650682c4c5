package io.firstsettle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOUtil;
import org.jpos.iso.channel.NACChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.firstsettle.host.IsoPackagers;

/** {@code firstsettle bank} and {@code firstsettle host} as real subprocesses with the built classpath. */
class ServeCommandsTest {
    private final List<Process> started = new ArrayList<>();

    private record Running(Process process, BlockingQueue<String> lines) {
        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                String l = lines.poll(100, TimeUnit.MILLISECONDS);
                if (l != null) {
                    seen.add(l);
                    if (l.contains(prefix)) {
                        return l;
                    }
                }
            }
            throw new AssertionError("no line starting '" + prefix + "' within 60 s; saw " + seen);
        }
    }

    private Running launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(new File(".")).start();
        started.add(p);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    lines.add(l);
                }
            } catch (Exception ignored) {
                // process gone
            }
        });
        t.setDaemon(true);
        t.start();
        return new Running(p, lines);
    }

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void bankAndHostRunAloneAndStopCleanlyOnSigterm() throws Exception {
        Running bank = launch("bank", "--port", "0", "--fault", "insufficient-funds", "--terminal", "T0000001");
        String bl = bank.await("listening on ");
        int bankPort = Integer.parseInt(bl.substring("listening on ".length()).trim());
        Running host = launch("host", "--listen", "127.0.0.1:0", "--bank", "http://127.0.0.1:" + bankPort);
        String hl = host.await("listening on 127.0.0.1:");
        int hostPort = Integer.parseInt(hl.substring(hl.lastIndexOf(':') + 1).trim());

        NACChannel ch = new NACChannel("127.0.0.1", hostPort,
                IsoPackagers.load(Path.of("fixtures", "iso8583", "iso87binary.xml")), ISOUtil.hex2byte("6000010000"));
        ch.setTimeout(30_000);
        ch.connect();
        ISOMsg on = new ISOMsg("0800");
        on.set(11, "000001");
        on.set(41, "T0000001");
        on.set(42, "MERCHANT0000001");
        on.set(70, "001");
        ch.send(on);
        assertEquals("00", ch.receive().getString(39));
        ISOMsg sale = new ISOMsg("0200");
        sale.set(2, "4761739001010010");
        sale.set(3, "000000");
        sale.set(4, "000000000100");
        sale.set(11, "000002");
        sale.set(41, "T0000001");
        sale.set(42, "MERCHANT0000001");
        sale.set(49, "978");
        ch.send(sale);
        assertEquals("51", ch.receive().getString(39), "the bank started with --fault insufficient-funds");
        ch.disconnect();

        host.process().destroy(); // SIGTERM
        bank.process().destroy();
        assertTrue(host.process().waitFor(30, TimeUnit.SECONDS), "host exits on SIGTERM");
        assertTrue(bank.process().waitFor(30, TimeUnit.SECONDS), "bank exits on SIGTERM");
        assertEquals(143, host.process().exitValue(), "terminated by SIGTERM");
        assertEquals(143, bank.process().exitValue(), "terminated by SIGTERM");
        for (int port : new int[] {hostPort, bankPort}) {
            try (java.net.ServerSocket again = new java.net.ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new java.net.InetSocketAddress("127.0.0.1", port)); // the port was released
            }
        }
    }

    @Test
    void aBankFaultWithoutATerminalFaultsTheWholeBank() throws Exception {
        Running bank = launch("bank", "--port", "0", "--fault", "bank-maintenance");
        assertTrue(bank.await("applied to").contains("every terminal"));
        String bl = bank.await("listening on ");
        int bankPort = Integer.parseInt(bl.substring("listening on ".length()).trim());
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String tid : new String[] {"29110001", "T0000042", "ANYTID99"}) {
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + bankPort + "/bank/v1/authorizations"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"merchantId\":\"M" + tid
                            + "\",\"terminalId\":\"" + tid + "\",\"stan\":\"000001\",\"amountMinor\":100,"
                            + "\"currency\":\"978\",\"maskedPan\":\"476173******0010\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(503, r.statusCode(), "terminal " + tid + " meets the bank in maintenance: " + r.body());
            assertTrue(r.headers().firstValue("Retry-After").isPresent(), "maintenance says when to retry");
        }
    }

    @Test
    void aTerminalWithoutAFaultIsAMistake() throws Exception {
        Running bank = launch("bank", "--port", "0", "--terminal", "T0000001");
        assertTrue(bank.process().waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, bank.process().exitValue());
        assertTrue(bank.await("narrows a fault").contains("--fault NAME"));
    }
}
