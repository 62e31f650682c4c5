package io.firstsettle.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.ZvtSerialFrame;
import io.firstsettle.ecr.zvt.link.LinkTimings;
import io.firstsettle.ecr.zvt.link.SerialZvtLink;
import io.firstsettle.port.BytePort;
import io.firstsettle.port.JsscBytePort;
import io.firstsettle.port.PtyPair;
import io.firstsettle.port.SerialSettings;

/**
 * The serial part of {@code firstsettle bench}: one ZVT exchange through the full link (ECR {@link SerialZvtLink} on
 * jssc, PT {@link SerialZvtLink} on the pty master: frame, ACK, answer frame, ACK) against a raw echo of the same bytes
 * in the same order on the same kernel pty (jssc writes and reads, no framing, no link rules), with the line-time floor
 * of those bytes at the profile's settings printed beside: a pty has no baud rate, a cable does.
 */
final class SerialBench {
    /** The figures: medians and p99 in microseconds, the bytes of one exchange, the floor at 9600 8N2 in ms. */
    record Figures(long linkMedianMicros, long linkP99Micros, long rawMedianMicros, long rawP99Micros, int bytes,
                   double floorMillis) {
        double ratio() {
            return (double) linkMedianMicros / Math.max(1, rawMedianMicros);
        }
    }

    private SerialBench() {
    }

    static Figures measure(int roundTrips, SerialSettings line) throws Exception {
        Apdu status = new Apdu(0x05, 0x01, new byte[] {0x00, 0x00, 0x00});
        byte[] request = ZvtSerialFrame.encode(status.encode());
        byte[] answer = ZvtSerialFrame.encode(Apdu.POSITIVE_ACK.encode());
        int bytes = request.length + 1 + answer.length + 1;
        long[] link;
        long[] raw;
        try (PtyPair pair = PtyPair.open()) {
            try (JsscBytePort ecrPort = JsscBytePort.open(pair.slavePath(), line)) {
                raw = raw(ecrPort, pair.master(), request, answer, roundTrips);
            }
            LinkTimings t = LinkTimings.spec();
            try (SerialZvtLink ecr = new SerialZvtLink(JsscBytePort.open(pair.slavePath(), line), t,
                    io.firstsettle.core.EventSink.NONE, "ecr");
                 SerialZvtLink pt = new SerialZvtLink(pair.master(), t, io.firstsettle.core.EventSink.NONE, "terminal")) {
                link = link(ecr, pt, status, roundTrips);
            }
        }
        return new Figures(link[0] / 1000, link[1] / 1000, raw[0] / 1000, raw[1] / 1000, bytes,
                floorMillis(bytes, line));
    }

    /** Line time of {@code bytes} at the settings: start bit + data bits + parity + stop bits per byte. */
    static double floorMillis(int bytes, SerialSettings line) {
        int bitsPerByte = 1 + line.dataBits() + line.stopBits() + (line.parity() == SerialSettings.Parity.NONE ? 0 : 1);
        return 1000.0 * bytes * bitsPerByte / line.baud();
    }

    private static long[] link(SerialZvtLink ecr, SerialZvtLink pt, Apdu status, int n) {
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            ecr.send(status);
            Optional<Apdu> got = pt.receive(Duration.ofSeconds(5));
            if (got.isEmpty()) {
                throw new IllegalStateException("exchange " + i + " lost its APDU on the pty");
            }
            pt.send(Apdu.POSITIVE_ACK);
            ecr.receive(Duration.ofSeconds(5)).orElseThrow();
            times[i] = System.nanoTime() - t0;
        }
        return medianAndP99(times);
    }

    /** The same bytes in the same order: request frame, ACK, answer frame, ACK; each side reads all it is sent. */
    private static long[] raw(BytePort ecr, BytePort pt, byte[] request, byte[] answer, int n) {
        byte[] ack = {ZvtSerialFrame.ACK};
        byte[] buf = new byte[256];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            ecr.write(request);
            readFully(pt, buf, request.length);
            pt.write(ack);
            readFully(ecr, buf, 1);
            pt.write(answer);
            readFully(ecr, buf, answer.length);
            ecr.write(ack);
            readFully(pt, buf, 1);
            times[i] = System.nanoTime() - t0;
        }
        return medianAndP99(times);
    }

    private static void readFully(BytePort p, byte[] buf, int n) {
        int got = 0;
        while (got < n) {
            byte[] part = new byte[n - got];
            int r = p.read(part, n - got, 5000);
            if (r <= 0) {
                throw new IllegalStateException("raw echo: " + got + " of " + n + " bytes arrived within 5 s on the pty");
            }
            System.arraycopy(part, 0, buf, got, r);
            got += r;
        }
    }

    private static long[] medianAndP99(long[] times) {
        long[] s = times.clone();
        Arrays.sort(s);
        return new long[] {s[s.length / 2], s[(int) (s.length * 0.99)]};
    }
}
