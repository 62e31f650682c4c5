package io.firstsettle.ecr.zvt.codec;

import io.firstsettle.core.Hex;
import java.util.List;

/** protocols.md A.3: complete serial frames (ecrterm library vectors, and vectors computed with CRC-16/KERMIT). */
public final class ZvtVectors {
    private ZvtVectors() {
    }

    public record Vector(String meaning, String frameHex, String apduHex) {
        public byte[] frame() {
            return Hex.parse(frameHex);
        }

        public byte[] apdu() {
            return Hex.parse(apduHex);
        }

        @Override
        public String toString() {
            return meaning;
        }
    }

    public static final List<Vector> ALL = List.of(
            new Vector("Registration 123456 BA EUR", "10 02 06 00 06 12 34 56 BA 09 78 10 03 24 C3", "06 00 06 12 34 56 BA 09 78"),
            new Vector("Initialisation 123456", "10 02 06 93 03 12 34 56 10 03 CA A4", "06 93 03 12 34 56"),
            new Vector("Authorization 110.00 EUR", "10 02 06 01 0A 04 00 00 00 01 10 10 00 49 09 78 10 03 F2 FF",
                    "06 01 0A 04 00 00 00 01 10 00 49 09 78"),
            new Vector("Diagnosis", "10 02 06 70 00 10 03 D9 F9", "06 70 00"),
            new Vector("Print Line", "10 02 06 D1 19 00 47 65 73 61 6D 74 20 20 20 20 20 20 30 20 20 20 20 20 20 20 30 2C 30 30 10 03 B5 AB",
                    "06 D1 19 00 47 65 73 61 6D 74 20 20 20 20 20 20 30 20 20 20 20 20 20 20 30 2C 30 30"),
            new Vector("Positive ack", "10 02 80 00 00 10 03 F5 1F", "80 00 00"),
            new Vector("Repeat status info 84 9C", "10 02 84 9C 00 10 03 C3 41", "84 9C 00"),
            new Vector("Reset Terminal", "10 02 06 18 00 10 03 56 3A", "06 18 00"),
            new Vector("Display Text", "10 02 06 E0 25 F1 F1 F6 46 41 48 52 45 52 4E 55 4D 4D 45 52 20 20 20 20 F2 F1 F5 45 49 4E 47 45 42 45 4E 20 55 4E 44 20 4F 4B 10 03 DE CD",
                    "06 E0 25 F1 F1 F6 46 41 48 52 45 52 4E 55 4D 4D 45 52 20 20 20 20 F2 F1 F5 45 49 4E 47 45 42 45 4E 20 55 4E 44 20 4F 4B"),
            new Vector("Status-Enquiry 123456", "10 02 05 01 03 12 34 56 10 03 E0 43", "05 01 03 12 34 56"),
            new Vector("Status-Enquiry service byte", "10 02 05 01 05 12 34 56 03 04 10 03 30 94", "05 01 05 12 34 56 03 04"),
            new Vector("Completion with SW version", "10 02 06 0F 0B F0 F0 F7 32 2E 31 34 2E 31 35 00 10 03 B1 11",
                    "06 0F 0B F0 F0 F7 32 2E 31 34 2E 31 35 00"),
            new Vector("Completion plain", "10 02 06 0F 00 10 03 C6 33", "06 0F 00"),
            new Vector("Log-Off", "10 02 06 02 00 10 03 B9 CC", "06 02 00"),
            new Vector("Abort from PT 6C", "10 02 06 1E 01 6C 10 03 C9 F2", "06 1E 01 6C"),
            new Vector("Intermediate status 17", "10 02 04 FF 01 17 10 03 1C 58", "04 FF 01 17"),
            new Vector("End-of-Day 000000", "10 02 06 50 03 00 00 00 10 03 FB 37", "06 50 03 00 00 00"),
            new Vector("Registration 000000 BA EUR", "10 02 06 00 06 00 00 00 BA 09 78 10 03 D0 D8", "06 00 06 00 00 00 BA 09 78"),
            new Vector("Feig Completion (status byte 10 stuffed)", "10 02 06 0F 0A 19 10 10 29 52 52 35 35 49 09 78 10 03 26 92",
                    "06 0F 0A 19 10 29 52 52 35 35 49 09 78"),
            new Vector("CRC low = 10", "10 02 04 FF 01 68 10 03 10 2B", "04 FF 01 68"),
            new Vector("CRC low = 02", "10 02 04 FF 01 5A 10 03 02 AE", "04 FF 01 5A"),
            new Vector("CRC high = 03", "10 02 04 FF 01 0F 10 03 4D 03", "04 FF 01 0F"));
}
