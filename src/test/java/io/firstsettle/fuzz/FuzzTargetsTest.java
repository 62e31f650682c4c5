package io.firstsettle.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import io.firstsettle.ecr.zvt.message.ZvtMessages;
import io.firstsettle.ecr.zvt.message.ZvtTraceDecoder;
import io.firstsettle.fault.FaultFileException;
import io.firstsettle.fault.FaultFiles;
import io.firstsettle.core.Hex;
import io.firstsettle.ecr.zvt.codec.ZvtFrameParser;
import io.firstsettle.host.IsoPackagers;
import io.firstsettle.profile.CardProfile;
import io.firstsettle.profile.FixtureException;
import io.firstsettle.profile.Fixtures;
import io.firstsettle.profile.TerminalProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzz targets for everything that reads bytes or text from outside: the ZVT frame parser, the APDU/BMP/TLV decoder,
 * the trace decoder, hex input, the host's ISO 8583 unpacking (the jPOS field table the host uses) and the terminal,
 * card and fault profile loaders. Only typed errors with a message may come out; no other exception, no input taking
 * over the time bound, none allocating over the allocation bound.
 *
 * <p>In the test command each target runs {@value #DEFAULT_MILLIS} ms. A long run, by one command:
 * {@code mvn -B -o test -Dtest=FuzzTargetsTest -Dfirstsettle.fuzz.millis=60000 -Dfirstsettle.fuzz.seed=7}
 * (per target; the summary lines name the input counts and the seed, a finding prints the input in hex).
 *
 * <p>Coverage-guided: Jazzer (jazzer-junit 0.24.0) fuzzes the frame parser and the APDU decoder in
 * {@link ZvtFrameParserFuzzTest} and {@link ApduDecoderFuzzTest}, opt-in by one command; it does not fit the test
 * command (one fuzz test per JVM, only with JAZZER_FUZZ set, ~20 s of CPU per target before it fuzzes, no
 * per-input allocation bound), so these seeded targets stay the fuzzing inside it. Details in
 * {@link ZvtFrameParserFuzzTest}.
 */
class FuzzTargetsTest {
    static final long DEFAULT_MILLIS = 150;

    static long millis() {
        return Long.getLong("firstsettle.fuzz.millis", DEFAULT_MILLIS);
    }

    static long seed() {
        return Long.getLong("firstsettle.fuzz.seed", 20261129L);
    }

    /** protocols.md A.3 vectors and the real-trace APDUs: framed serial bytes. */
    static final List<String> FRAMES = List.of(
            "10 02 06 00 06 12 34 56 BA 09 78 10 03 24 C3",
            "10 02 06 01 0A 04 00 00 00 01 10 10 00 49 09 78 10 03 F2 FF",
            "10 02 06 D1 19 00 47 65 73 61 6D 74 20 20 20 20 20 20 30 20 20 20 20 20 20 20 30 2C 30 30 10 03 B5 AB",
            "10 02 80 00 00 10 03 F5 1F",
            "10 02 06 0F 0B F0 F0 F7 32 2E 31 34 2E 31 35 00 10 03 B1 11",
            "10 02 06 0F 0A 19 10 10 29 52 52 35 35 49 09 78 10 03 26 92",
            "10 02 04 FF 01 68 10 03 10 2B",
            "06 15 10 02 05 01 03 12 34 56 10 03 E0 43");

    /** Bare APDUs: the frame contents above, plus a 04 0F with a TLV container and an extended length. */
    static final List<String> APDUS = List.of(
            "06 00 06 12 34 56 BA 09 78",
            "06 01 0A 04 00 00 00 01 10 00 49 09 78",
            "06 0F 0B F0 F0 F7 32 2E 31 34 2E 31 35 00",
            "06 0F 0A 19 10 29 52 52 35 35 49 09 78",
            "04 0F 14 27 00 04 00 00 00 00 12 34 49 09 78 06 07 1F 1F 01 05 2F 01 00",
            "04 0F FF 08 00 27 00 04 00 00 00 00 12 34",
            "06 D3 0B 06 09 25 07 09 01 80 14 02 41 42",
            "06 1E 01 6C",
            "84 83 00");

    static List<byte[]> hex(List<String> l) {
        return l.stream().map(Hex::parse).toList();
    }

    static void check(String summary, List<String> out) {
        out.add(summary);
        System.out.println("[fuzz] " + summary);
    }

    @Test
    void zvtFrameParserNeverThrows() {
        List<String> out = new ArrayList<>();
        check(new Fuzzer("frame parser", in -> {
            new ZvtFrameParser().feed(in);
            ZvtFrameParser p = new ZvtFrameParser(64);
            for (int i = 0; i < in.length; i++) {
                p.feed(in, i, 1);
            }
            p.gapExpired();
        }, Set.of(), hex(FRAMES)).bounds(2000, 8L << 20).run(seed(), millis()), out);
        assertTrue(out.get(0).contains("inputs"));
    }

    @Test
    void apduAndBmpDecoderThrowsOnlyZvtFormatException() {
        List<String> out = new ArrayList<>();
        check(new Fuzzer("APDU/BMP/TLV decoder", in -> {
            Apdu a = Apdu.decode(in);
            ZvtMessages.decode(a, false);
            ZvtMessages.decode(a, true);
        }, Set.of(ZvtFormatException.class), hex(APDUS)).bounds(2000, 8L << 20).run(seed(), millis()), out);
        assertTrue(out.get(0).contains("inputs"));
    }

    @Test
    void traceDecoderNeverThrowsAndStaysBounded() {
        List<String> out = new ArrayList<>();
        check(new Fuzzer("trace decoder", in -> {
            ZvtTraceDecoder.decode(in);
            ZvtTraceDecoder.decodeApduHex(Hex.format(in));
        }, Set.of(), hex(FRAMES)).bounds(2000, 16L << 20).run(seed(), millis()), out);
        check(new Fuzzer("hex text", in -> Hex.parse(new String(in, StandardCharsets.ISO_8859_1)),
                Set.of(IllegalArgumentException.class),
                FRAMES.stream().map(s -> s.getBytes(StandardCharsets.ISO_8859_1)).toList())
                .bounds(2000, 1L << 20).run(seed(), millis()), out);
        assertTrue(out.size() == 2);
    }

    /** Decoding a megabyte of hex text (a long capture) must stay within a bound: it took ~605 MB before. */
    @Test
    void aMegabyteOfHexDecodesWithinTheAllocationBound() {
        byte[] raw = new byte[333_333];
        new java.util.Random(1).nextBytes(raw);
        String text = Hex.format(raw);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        var report = ZvtTraceDecoder.decodeHex(text);
        long mb = (mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) >> 20;
        assertTrue(mb < 150, "decoding 1 MB of hex allocated " + mb + " MB");
        assertTrue(report.lines().stream().allMatch(l -> l.length() < 600), "a dump line is capped");
    }

    @Test
    void hostIsoUnpackingThrowsOnlyIsoException() {
        ISOPackager packager = IsoPackagers.load(Path.of("fixtures/iso8583/iso87binary.xml"));
        List<byte[]> seeds = new ArrayList<>();
        for (String mti : List.of("0200", "0400", "0500", "0800")) {
            try {
                ISOMsg m = new ISOMsg(mti);
                m.setPackager(packager);
                m.set(3, "000000");
                m.set(4, "000000001234");
                m.set(11, "000001");
                m.set(41, "29110001");
                m.set(42, "FS0000000000001");
                if (mti.equals("0400")) {
                    m.set(90, "020000000100000000000000000000000000000000");
                }
                seeds.add(m.pack());
            } catch (ISOException e) {
                throw new AssertionError(e);
            }
        }
        List<String> out = new ArrayList<>();
        check(new Fuzzer("ISO 8583 unpack (host field table)", in -> {
            ISOMsg m = new ISOMsg();
            m.setPackager(packager);
            m.unpack(in);
        }, Set.of(ISOException.class), seeds).bounds(2000, 8L << 20).run(seed(), millis()), out);
        assertTrue(out.get(0).contains("inputs"));
    }

    @Test
    void profileLoadersThrowOnlyTheirTypedErrors(@TempDir Path dir) throws Exception {
        List<byte[]> terminals = texts(Path.of("fixtures/terminals"));
        List<byte[]> cards = texts(Path.of("fixtures/cards"));
        List<byte[]> faults = texts(Path.of("fixtures/faults"));
        List<String> out = new ArrayList<>();
        long each = Math.max(100, millis() / 3);
        check(new Fuzzer("terminal profile loader", in -> {
            Path f = dir.resolve("t.yaml");
            Files.write(f, in);
            TerminalProfile p = TerminalProfile.load(f);
            if (p == null) {
                throw new AssertionError("loaded null");
            }
        }, Set.of(FixtureException.class), terminals).bounds(3000, 32L << 20).run(seed(), each), out);
        check(new Fuzzer("card profile loader", in -> {
            Path f = dir.resolve("c.yaml");
            Files.write(f, in);
            if (Fixtures.load(f, CardProfile.class) == null) {
                throw new AssertionError("loaded null");
            }
        }, Set.of(FixtureException.class), cards).bounds(3000, 32L << 20).run(seed(), each), out);
        check(new Fuzzer("fault profile loader", in -> {
            // the loader wants name == file name: name the file after the input's own name line, so the fuzzer
            // gets past that check into the kind and section validation
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("(?m)^name:\\s*([A-Za-z0-9][A-Za-z0-9-]{0,60})\\s*$")
                    .matcher(new String(in, StandardCharsets.UTF_8));
            Path f = dir.resolve((named.find() ? named.group(1) : "f") + ".yaml");
            Files.write(f, in);
            FaultFiles.load(f);
        }, Set.of(FaultFileException.class), faults).bounds(3000, 32L << 20).run(seed(), each), out);
        assertTrue(out.size() == 3);
    }

    static List<byte[]> texts(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<byte[]> l = new ArrayList<>();
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                l.add(Files.readAllBytes(p));
            }
            return l;
        }
    }
}
