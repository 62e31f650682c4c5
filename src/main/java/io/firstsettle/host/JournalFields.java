package io.firstsettle.host;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of one journaled message, by DE number ascending and then the named extras: an immutable map over two
 * arrays, filled once by {@link IsoJournalWriter} and kept as it is by {@link HostJournal.Entry} (a message has a few
 * dozen fields at most, so a lookup walks the array; building a hash table per message cost the host more than every
 * lookup the oracle makes). Keys and values are never null, as with {@link Map#copyOf}.
 */
final class JournalFields extends AbstractMap<String, String> {
    private final String[] keys;
    private final String[] values;
    private final int size;
    private final Set<Map.Entry<String, String>> entries = new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size;
                }

                @Override
                public Map.Entry<String, String> next() {
                    if (next >= size) {
                        throw new NoSuchElementException();
                    }
                    int i = next++;
                    return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                }
            };
        }

        @Override
        public int size() {
            return size;
        }
    };

    /** Takes the arrays as they are: the caller fills them once and never touches them again. */
    JournalFields(String[] keys, String[] values, int size) {
        for (int i = 0; i < size; i++) {
            Objects.requireNonNull(keys[i], "a journal field without a key");
            if (values[i] == null) {
                throw new NullPointerException("journal field " + keys[i] + " without a value");
            }
            for (int j = 0; j < i; j++) {
                if (keys[j].equals(keys[i])) {
                    throw new IllegalArgumentException("journal field " + keys[i] + " given twice");
                }
            }
        }
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    @Override
    public String get(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return entries;
    }
}
