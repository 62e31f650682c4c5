package io.firstsettle.cli;

import io.firstsettle.ecr.zvt.message.DecodeReport;
import io.firstsettle.ecr.zvt.message.ZvtTraceDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code firstsettle decode zvt HEX... | --file TRACE}: a captured ZVT serial trace, frame by frame. */
@Command(name = "decode", mixinStandardHelpOptions = true, description = "Decode captured protocol traces.",
        subcommands = {DecodeCommand.Zvt.class, DecodeConcertCommand.class})
final class DecodeCommand implements Runnable {
    @Override
    public void run() {
        System.err.println("say which protocol: firstsettle decode zvt|concert HEX... (or --file TRACE)");
    }

    @Command(name = "zvt", mixinStandardHelpOptions = true,
            description = "Decode ZVT serial bytes (DLE STX ... DLE ETX CRC) given as hex; exits 1 on a bad frame.")
    static final class Zvt implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "HEX", description = "hex bytes, spaces allowed")
        List<String> hex = new ArrayList<>();

        @Option(names = "--file", description = "a text file of hex bytes (whitespace and # comments ignored)")
        Path file;

        @Option(names = "--apdu", description = "the input is bare APDUs (ZVT over TCP), not serial frames")
        boolean apdu;

        @Override
        public Integer call() throws IOException {
            String input;
            if (file != null) {
                if (!Files.isReadable(file)) {
                    System.err.println(file + ": cannot read the trace file (check the path and its permissions)");
                    return 2;
                }
                byte[] raw = Files.readAllBytes(file);
                if (binary(raw)) {
                    System.err.println(file + ": a binary file; decode zvt expects hex text such as "
                            + "\"10 02 80 00 00 10 03 F5 1F\" (one capture per file, # starts a comment). Convert a raw "
                            + "capture with: xxd -p " + file + " > trace.txt");
                    return 2;
                }
                input = String.join("\n", new String(raw, java.nio.charset.StandardCharsets.US_ASCII).lines()
                        .map(l -> l.replaceAll("#.*", "")).toList());
            } else if (!hex.isEmpty()) {
                input = String.join(" ", hex);
            } else {
                System.err.println("give hex bytes or --file TRACE, e.g. firstsettle decode zvt 10 02 80 00 00 10 03 F5 1F");
                return 2;
            }
            String source = file != null ? file.toString() : "the command line";
            if (input.isBlank()) {
                System.err.println(source + ": the input is empty: no hex bytes to decode (give e.g. 10 02 80 00 00 10"
                        + " 03 F5 1F)");
                return 2;
            }
            DecodeReport report;
            try {
                report = apdu ? ZvtTraceDecoder.decodeApduHex(input) : ZvtTraceDecoder.decodeHex(input);
            } catch (IllegalArgumentException e) {
                System.err.println(source + ": " + e.getMessage());
                return 2;
            }
            report.lines().forEach(System.out::println);
            return report.allGood() ? 0 : 1;
        }

        /** Hex text is printable ASCII with whitespace; a NUL, a control byte or a byte above 7F means binary. */
        static boolean binary(byte[] raw) {
            for (byte b : raw) {
                int c = b & 0xFF;
                if (c >= 0x7F || c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                    return true;
                }
            }
            return false;
        }
    }
}
