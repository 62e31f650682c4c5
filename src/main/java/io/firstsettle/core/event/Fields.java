package io.firstsettle.core.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one recorded event, read by name: the only place that looks up an event's fields by key. A field of
 * the wrong type is an {@link EventFieldException} naming the field, the event's kind and what was found.
 */
public final class Fields {
    private final String kind;
    private final Map<String, Object> map;

    public Fields(String kind, Map<String, ?> map) {
        this.kind = kind;
        this.map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public Map<String, Object> all() {
        return map;
    }

    public boolean has(String key) {
        return map.get(key) != null;
    }

    /** The field as text, null when absent. */
    public String text(String key) {
        Object v = map.get(key);
        return v == null ? null : String.valueOf(v);
    }

    /** The field as text; absent is an error. */
    public String required(String key) {
        String v = text(key);
        if (v == null) {
            throw new EventFieldException("a \"" + kind + "\" event needs the field \"" + key + "\"; it has "
                    + map.keySet());
        }
        return v;
    }

    /** A whole number (JSON number or digits in a string), null when absent. */
    public Long number(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (v instanceof String s && s.trim().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(s.trim());
        }
        throw new EventFieldException("the field \"" + key + "\" of a \"" + kind + "\" event must be a whole number, "
                + "not " + describe(v));
    }

    public long requiredNumber(String key) {
        required(key);
        return number(key);
    }

    /** A decimal number, null when absent. */
    public Double decimal(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new EventFieldException("the field \"" + key + "\" of a \"" + kind + "\" event must be a number, not "
                    + describe(v));
        }
    }

    public Integer integer(String key) {
        Long n = number(key);
        return n == null ? null : Math.toIntExact(n);
    }

    /** true/false (JSON boolean or the words), null when absent. */
    public Boolean bool(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean((String) v);
        }
        throw new EventFieldException("the field \"" + key + "\" of a \"" + kind + "\" event must be true or false, "
                + "not " + describe(v));
    }

    /** A list of texts (each element as text); an absent field is the empty list. */
    public List<String> texts(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new EventFieldException("the field \"" + key + "\" of a \"" + kind + "\" event must be a list, not "
                    + describe(v));
        }
        List<String> out = new ArrayList<>();
        l.forEach(x -> out.add(String.valueOf(x)));
        return List.copyOf(out);
    }

    /** A JSON object field (keys as text), null when absent. */
    public Map<String, Object> object(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new EventFieldException("the field \"" + key + "\" of a \"" + kind + "\" event must be an object, "
                    + "not " + describe(v));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), x));
        return out;
    }

    /** Puts a field a writer has; an absent (null) value is left out, as the writers always did. */
    static void put(Map<String, Object> fields, String key, Object value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    private static String describe(Object v) {
        String s = String.valueOf(v);
        return (v instanceof String ? "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"" : s)
                + " (" + v.getClass().getSimpleName() + ")";
    }
}
