package io.firstsettle.ecr.zvt.message;

import java.util.List;

/** Printable result of decoding a capture: one line per event/field; {@code allGood} is false on any defect. */
public record DecodeReport(List<String> lines, boolean allGood) {
    public DecodeReport {
        lines = List.copyOf(lines);
    }

    @Override
    public String toString() {
        return String.join("\n", lines) + "\n" + (allGood ? "all good" : "DEFECTS FOUND");
    }
}
