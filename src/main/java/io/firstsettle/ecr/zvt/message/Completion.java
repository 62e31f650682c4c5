package io.firstsettle.ecr.zvt.message;

import io.firstsettle.ecr.zvt.codec.Apdu;
import io.firstsettle.ecr.zvt.codec.BmpCodec;
import io.firstsettle.ecr.zvt.codec.BmpField;
import io.firstsettle.ecr.zvt.codec.ZvtFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Completion {@code 06 0F} from PT to ECR: the command sequence is over, the ECR is master again ([ZVT-SPEC] §3.2).
 *
 * <pre>
 *  BMP form:              | 06 0F | LEN | [27 rc] [0C time] [AA date] [19 status byte] [29 TID] [49 CC] [06 TLV] |
 *                         e.g. 06 0F 0A 19 10 29 52 52 35 35 49 09 78   (Feig, after Registration)
 *  Status-Enquiry form:   | 06 0F | LEN | [SW version LLLVAR text] | terminal status code | [06 TLV] |   (§2.56)
 *                         e.g. 06 0F 0B F0 F0 F7 "2.14.15" 00,   06 0F 01 DC,   06 0F 01 F0 (no SW version)
 * </pre>
 *
 * Without knowing which command it answers, the forms are told apart by trying, in order: a valid SW version (three
 * LLLVAR digits F0..F9 whose length fits, then the status byte); the BMP form; a single terminal status byte with
 * an optional TLV container. The register knows it sent a Status-Enquiry and uses {@link #fromStatusEnquiry}.
 *
 * @param softwareVersion the LLLVAR text of the Status-Enquiry form, or null (also when left out)
 * @param terminalStatus the terminal status code of the Status-Enquiry form ({@link TerminalStatusCode}), or null
 */
public record Completion(List<BmpField> fields, String softwareVersion, Integer terminalStatus) implements ZvtMessage {

    public Completion {
        fields = List.copyOf(fields);
        if (softwareVersion != null && terminalStatus == null) {
            throw new IllegalArgumentException("a SW version is always followed by the terminal status (Status-Enquiry"
                    + " form)");
        }
    }

    public Completion(List<BmpField> fields) {
        this(fields, null, null);
    }

    /** {@code 06 0F 00}. */
    public static Completion plain() {
        return new Completion(List.of());
    }

    /** Completion of a Registration: {@code [19 status byte] 29 TID [49 CC]} in that order. */
    public static Completion withTid(Integer statusByte, int terminalId, Integer currencyCode) {
        List<BmpField> f = new ArrayList<>();
        if (statusByte != null) {
            f.add(Wire.byteField(0x19, statusByte));
        }
        f.add(Wire.bcdField(0x29, terminalId));
        if (currencyCode != null) {
            f.add(Wire.bcdField(0x49, currencyCode));
        }
        return new Completion(f);
    }

    /** Completion of a Status-Enquiry: SW version text (null to leave it out) and terminal status code. */
    public static Completion statusEnquiryAnswer(String softwareVersion, int terminalStatus) {
        return new Completion(List.of(), softwareVersion, terminalStatus);
    }

    @Override
    public Apdu toApdu() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (softwareVersion != null) {
            byte[] sw = softwareVersion.getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes(BmpCodec.varPrefix(sw.length, 3, 0x0F));
            out.writeBytes(sw);
        }
        if (terminalStatus != null) {
            out.write(terminalStatus);
        }
        out.writeBytes(BmpCodec.encode(fields));
        return new Apdu(0x06, 0x0F, out.toByteArray());
    }

    public static Completion from(Apdu apdu) {
        return from(apdu, false);
    }

    /** Decodes; with {@code tolerateUnknownBmps} an unknown BMP and the rest become one {@link BmpField#RAW_REST}. */
    public static Completion from(Apdu apdu, boolean tolerateUnknownBmps) {
        Wire.expect(apdu, ZvtCommand.COMPLETION);
        Completion withVersion = withSoftwareVersion(apdu);
        if (withVersion != null) {
            return withVersion;
        }
        try {
            return new Completion(Wire.bmps(apdu, 0, tolerateUnknownBmps));
        } catch (ZvtFormatException notBmps) {
            try {
                return statusOnly(apdu);
            } catch (ZvtFormatException notStatus) {
                throw notBmps;
            }
        }
    }

    /**
     * Decodes the answer to a Status-Enquiry: {@code [SW version LLLVAR] <terminal status> [06 TLV]}.
     *
     * @throws ZvtFormatException if the data is neither form
     */
    public static Completion fromStatusEnquiry(Apdu apdu) {
        Wire.expect(apdu, ZvtCommand.COMPLETION);
        Completion withVersion = withSoftwareVersion(apdu);
        if (withVersion != null) {
            return withVersion;
        }
        if (apdu.data().length == 0) {
            // 06 0F 00 after a Status-Enquiry: no status given; keep it as the plain Completion it is
            return plain();
        }
        return statusOnly(apdu);
    }

    /** The SW-version form when the data starts with a complete LLLVAR and a status byte; else null. */
    private static Completion withSoftwareVersion(Apdu apdu) {
        byte[] d = apdu.data();
        if (d.length < 4) {
            return null;
        }
        int len = 0;
        for (int i = 0; i < 3; i++) {
            int b = d[i] & 0xFF;
            if ((b & 0xF0) != 0xF0 || (b & 0x0F) > 9) {
                return null;
            }
            len = len * 10 + (b & 0x0F);
        }
        if (d.length < 3 + len + 1) {
            return null;
        }
        String sw = new String(Arrays.copyOfRange(d, 3, 3 + len), StandardCharsets.ISO_8859_1);
        int status = d[3 + len] & 0xFF;
        List<BmpField> rest = Wire.bmps(apdu, 3 + len + 1);
        Wire.rejectUnexpected(apdu, rest, "Completion of a Status-Enquiry", 0x06);
        return new Completion(rest, sw, status);
    }

    /** {@code <terminal status> [06 TLV]}. */
    private static Completion statusOnly(Apdu apdu) {
        byte[] d = apdu.data();
        if (d.length == 0) {
            throw new ZvtFormatException(2, "Completion of a Status-Enquiry needs the terminal status byte, LEN is 0");
        }
        List<BmpField> rest = Wire.bmps(apdu, 1);
        Wire.rejectUnexpected(apdu, rest, "Completion of a Status-Enquiry", 0x06);
        return new Completion(rest, null, d[0] & 0xFF);
    }

    public Optional<Integer> resultCode() {
        return Wire.byteValue(fields, 0x27);
    }

    /** BMP 19 status byte (A.9: bit 0 init needed, 1 diagnosis needed, 2 OPT action, 3 filling station, 4 vending). */
    public Optional<Integer> statusByte() {
        return Wire.byteValue(fields, 0x19);
    }

    public Optional<Integer> terminalId() {
        return Wire.bcd(fields, 0x29).map(Long::intValue);
    }

    public Optional<Integer> currency() {
        return Wire.bcd(fields, 0x49).map(Long::intValue);
    }

    public Optional<String> swVersion() {
        return Optional.ofNullable(softwareVersion);
    }

    public Optional<TerminalStatusCode> terminalStatusCode() {
        return terminalStatus == null ? Optional.empty() : TerminalStatusCode.of(terminalStatus);
    }
}
