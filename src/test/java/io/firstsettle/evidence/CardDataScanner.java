package io.firstsettle.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Scans files for card data that must never be stored: every test PAN in ASCII digits, as packed BCD bytes and as
 * hex text of those bytes; track-2 images (PAN '=' or 'D' expiry); unmasked PIN blocks (DE52 with 16 hex digits).
 */
final class CardDataScanner {
    private static final Pattern PAN_IN_YAML = Pattern.compile("(?m)^pan:\\s*\"?([0-9]{12,19})\"?");
    private static final Pattern TRACK2 = Pattern.compile("[0-9]{12,19}[=D][0-9]{4}");
    private static final Pattern PIN_BLOCK = Pattern.compile("\"(?:DE)?52\"\\s*:\\s*\"[0-9A-Fa-f]{16}\"");

    private final List<String> pans;

    CardDataScanner(List<String> pans) {
        this.pans = List.copyOf(pans);
    }

    static CardDataScanner fromFixtures(Path cardsDir) throws IOException {
        List<String> pans = new ArrayList<>();
        try (Stream<Path> s = Files.list(cardsDir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Matcher m = PAN_IN_YAML.matcher(Files.readString(f));
                while (m.find()) {
                    pans.add(m.group(1));
                }
            }
        }
        return new CardDataScanner(pans);
    }

    List<String> pans() {
        return pans;
    }

    /** Every hit under root, as "file: what". */
    List<String> scan(Path root) throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                hits.addAll(scanFile(f));
            }
        }
        return hits;
    }

    List<String> scanFile(Path f) throws IOException {
        List<String> hits = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(f);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        String hexText = latin.replaceAll("[\\s:]", "").toUpperCase();
        for (String pan : pans) {
            if (latin.contains(pan)) {
                hits.add(f + ": PAN " + pan.substring(0, 6) + "... in ASCII digits");
            }
            String bcd = (pan.length() % 2 == 0 ? pan : pan + "F").toUpperCase();
            if (indexOf(bytes, HexFormat.of().parseHex(bcd)) >= 0) {
                hits.add(f + ": PAN " + pan.substring(0, 6) + "... as packed BCD bytes");
            }
            if (hexText.contains(bcd)) {
                hits.add(f + ": PAN " + pan.substring(0, 6) + "... as hex text of BCD bytes");
            }
        }
        if (TRACK2.matcher(latin).find()) {
            hits.add(f + ": track-2 data");
        }
        if (PIN_BLOCK.matcher(latin).find()) {
            hits.add(f + ": PIN block");
        }
        return hits;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
