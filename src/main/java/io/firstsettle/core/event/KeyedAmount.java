package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cashier keyed an amount for a sale priced at another ({@code operator / keyed-amount}), minor units.
 */
public record KeyedAmount(long pricedMinor, long keyedMinor) implements EvidenceEvent.Payload {
    public static final String KIND = "keyed-amount";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "pricedMinor", pricedMinor);
        Fields.put(f, "keyedMinor", keyedMinor);
        return f;
    }

    public boolean differs() {
        return pricedMinor != keyedMinor;
    }

    static KeyedAmount read(Fields f) {
        return new KeyedAmount(f.requiredNumber("pricedMinor"), f.requiredNumber("keyedMinor"));
    }
}
