package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cashier chose one payment operation where another was meant ({@code operator / wrong-payment-method}).
 */
public record WrongPaymentMethod(String chosen, String meant, Long amountMinor) implements EvidenceEvent.Payload {
    public static final String KIND = "wrong-payment-method";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "chosen", chosen);
        Fields.put(f, "meant", meant);
        Fields.put(f, "amountMinor", amountMinor);
        return f;
    }

    static WrongPaymentMethod read(Fields f) {
        return new WrongPaymentMethod(f.text("chosen"), f.text("meant"), f.number("amountMinor"));
    }
}
