package io.firstsettle.cli;

import io.firstsettle.ecr.concert.ConcertFrameParser;
import io.firstsettle.ecr.concert.ConcertTraceDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code firstsettle decode concert HEX... | --file TRACE}: a captured Concert (Telium protocol E/E+) serial trace. */
@Command(name = "concert", mixinStandardHelpOptions = true,
        description = "Decode Concert serial bytes (ENQ/ACK/EOT, STX ... ETX LRC) given as hex, frame by frame;"
                + " exits 1 on a bad LRC or other defect, 2 on unusable input.")
final class DecodeConcertCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "HEX", description = "hex bytes, spaces allowed")
    List<String> hex = new ArrayList<>();

    @Option(names = "--file", description = "a text file of hex bytes (whitespace and # comments ignored)")
    Path file;

    @Option(names = "--keep-bit7", description = "treat a byte with bit 7 set as a defect (an 8N1 USB line);"
            + " by default bit 7 is cleared, as on a 7E1 line or an 8-bit capture of one")
    boolean keepBit7;

    @Override
    public Integer call() throws IOException {
        String input;
        if (file != null) {
            if (!Files.isReadable(file)) {
                System.err.println(file + ": cannot read the trace file (check the path and its permissions)");
                return ConcertTraceDecoder.Verdict.UNUSABLE.exitCode();
            }
            input = String.join("\n", Files.readAllLines(file).stream().map(l -> l.replaceAll("#.*", "")).toList());
        } else if (!hex.isEmpty()) {
            input = String.join(" ", hex);
        } else {
            System.err.println("give hex bytes or --file TRACE, e.g. firstsettle decode concert 05 06 02 30 31 ... 03 03");
            return ConcertTraceDecoder.Verdict.UNUSABLE.exitCode();
        }
        ConcertTraceDecoder.Report report = ConcertTraceDecoder.decodeHex(input,
                keepBit7 ? ConcertFrameParser.Bit7.REJECT : ConcertFrameParser.Bit7.STRIP);
        report.lines().forEach(report.verdict() == ConcertTraceDecoder.Verdict.UNUSABLE
                ? System.err::println : System.out::println);
        return report.verdict().exitCode();
    }
}
