package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The link-fault proxy acting on a message ({@code fault / link-fault-fired}): the action (drop, delay, half-open,
 * reset, ...), the protocol point ("request-...", "response-..."), the MTI, the hold in lab ms, the connection.
 */
public record LinkFaultFired(String fault, String action, String point, String mti, Long delayLabMillis,
        Integer connection) implements EvidenceEvent.Payload {
    public static final String KIND = "link-fault-fired";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "fault", fault);
        Fields.put(f, "action", action);
        Fields.put(f, "point", point);
        Fields.put(f, "mti", mti);
        Fields.put(f, "delayLabMillis", delayLabMillis);
        Fields.put(f, "connection", connection);
        return f;
    }

    static LinkFaultFired read(Fields f) {
        return new LinkFaultFired(f.text("fault"), f.required("action"), f.required("point"), f.text("mti"),
                f.number("delayLabMillis"), f.integer("connection"));
    }
}
