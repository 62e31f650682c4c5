package io.firstsettle.core.event;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The register's "nothing reached the terminal" ({@code ecr / terminal-unreachable}): the port, the tries, the
 * wait of each (T2 ms), the command that got no answer, the words and
 * the protocol (Concert records it; ZVT evidence has none).
 */
public record UnreachableTerminal(String port, Integer tries, Long t2Millis, String command, String why,
                                  String protocol) implements EvidenceEvent.Payload {
    public static final String KIND = "terminal-unreachable";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> f = new LinkedHashMap<>();
        Fields.put(f, "port", port);
        Fields.put(f, "tries", tries);
        Fields.put(f, "t2Millis", t2Millis);
        Fields.put(f, "command", command);
        Fields.put(f, "why", why);
        Fields.put(f, "protocol", protocol);
        return f;
    }

    static UnreachableTerminal read(Fields f) {
        return new UnreachableTerminal(f.text("port"), f.integer("tries"), f.number("t2Millis"), f.text("command"),
                f.text("why"), f.text("protocol"));
    }
}
