package io.firstsettle.core.event;

import io.firstsettle.core.CardData;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An ISO 8583 message as the host or the emulated terminal recorded it ({@code iso-in} / {@code iso-out}). The host
 * writes its fields as a {@code "fields"} object ({@code "11": "000002"}), the terminal as {@code "DE11"} keys; both
 * read back into {@link #isoFields}. Card numbers (DE2, DE35) are recorded masked by the writer.
 *
 * @param inbound   iso-in (received by whoever recorded it) or iso-out (sent)
 * @param isoFields field number to value, as recorded
 * @param header    the TPDU / header hex the host saw, null when not recorded
 */
public record IsoMessage(boolean inbound, String mti, SortedMap<Integer, String> isoFields, String header)
        implements EvidenceEvent.Payload {
    public static final String IN = "iso-in";
    public static final String OUT = "iso-out";

    public IsoMessage {
        isoFields = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(isoFields));
    }

    @Override
    public String kind() {
        return inbound ? IN : OUT;
    }

    /** The host's shape: mti, a "fields" object, header. */
    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("mti", mti);
        Map<String, String> de = new LinkedHashMap<>();
        // nested values are not masked by the recorder's guard: mask them here (DE2, DE35, free text)
        isoFields.forEach((k, v) -> de.put(String.valueOf(k), v == null ? null : CardData.maskText(v)));
        f.put("fields", de);
        Fields.put(f, "header", header);
        return f;
    }

    public String field(int n) {
        return isoFields.get(n);
    }

    public String stan() {
        return isoFields.get(11);
    }

    public String terminalId() {
        return isoFields.get(41);
    }

    public String responseCode() {
        return isoFields.get(39);
    }

    public String rrn() {
        return isoFields.get(37);
    }

    /** DE2 as recorded (masked first 6 / last 4 by the writer). */
    public String maskedPan() {
        return isoFields.get(2);
    }

    /** DE4 in minor units, null when absent or not digits. */
    public Long amountMinor() {
        String a = isoFields.get(4);
        return a != null && a.matches("[0-9]{1,18}") ? Long.parseLong(a) : null;
    }

    static IsoMessage read(Fields f, boolean inbound) {
        SortedMap<Integer, String> out = new TreeMap<>();
        Map<String, Object> nested = f.object("fields");
        if (nested != null) {
            nested.forEach((k, v) -> {
                if (!k.isEmpty() && k.length() <= 3 && k.chars().allMatch(Character::isDigit)) {
                    out.put(Integer.parseInt(k), String.valueOf(v));
                }
            });
        }
        f.all().forEach((k, v) -> {
            if (k.matches("DE[0-9]{1,3}")) {
                out.put(Integer.parseInt(k.substring(2)), String.valueOf(v));
            }
        });
        return new IsoMessage(inbound, f.required("mti"), out, f.text("header"));
    }
}
