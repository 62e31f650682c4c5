package io.firstsettle.ecr.zvt.link;

import io.firstsettle.ecr.zvt.codec.Apdu;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

/**
 * The baseline of the serial round-trip benchmark: the same frame bytes and one-byte ACKs across a TCP loopback socket
 * pair in this process, so the pty figure can be read as a ratio.
 */
public final class TcpZvtBench {
    private TcpZvtBench() {
    }

    /** Returns {median, p99} nanoseconds of {@code n} round trips. */
    public static long[] loopbackRoundTrips(int n) throws IOException {
        byte[] command = io.firstsettle.ecr.zvt.codec.ZvtSerialFrame.encode(new Apdu(0x05, 0x01, new byte[] {0, 0, 0}).encode());
        byte[] answer = io.firstsettle.ecr.zvt.codec.ZvtSerialFrame.encode(Apdu.POSITIVE_ACK.encode());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket ecr = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket pt = server.accept()) {
            ecr.setTcpNoDelay(true);
            pt.setTcpNoDelay(true);
            OutputStream ecrOut = ecr.getOutputStream();
            DataInputStream ecrIn = new DataInputStream(ecr.getInputStream());
            OutputStream ptOut = pt.getOutputStream();
            DataInputStream ptIn = new DataInputStream(pt.getInputStream());
            long[] times = new long[n];
            byte[] buf = new byte[64];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                ecrOut.write(command);
                ptIn.readFully(buf, 0, command.length);
                ptOut.write(0x06);
                readAck(ecrIn);
                ptOut.write(answer);
                ecrIn.readFully(buf, 0, answer.length);
                ecrOut.write(0x06);
                readAck(ptIn);
                times[i] = System.nanoTime() - t0;
            }
            Arrays.sort(times);
            return new long[] {times[n / 2], times[(int) (n * 0.99)]};
        }
    }

    private static void readAck(InputStream in) throws IOException {
        if (in.read() != 0x06) {
            throw new IOException("loopback baseline lost its ACK");
        }
    }
}
