package org.wspubsub.core.internal.endpoint;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Name/value pairs collected in order (headers, query parameters), turned into the immutable
 * multimap a {@link SimpleHandshakeRequest} keeps: each name once, with its values in the order
 * they came. Collecting allocates one array, however many pairs; the map holds one list per name
 * and nothing else. Not thread-safe: one thread fills it, then reads {@link #toMap()}.
 */
public final class NamedValues {

    /** Names at even indexes, each followed by its value. */
    private String[] pairs = new String[16];
    private int size;

    /** Adds one value of {@code name}; a name given again gets another value. */
    public void add(String name, String value) {
        if (size == pairs.length) {
            pairs = Arrays.copyOf(pairs, size * 2);
        }
        pairs[size++] = name;
        pairs[size++] = value;
    }

    /** The pairs as an immutable map of each name to its values, in order. */
    public Map<String, List<String>> toMap() {
        if (size == 0) {
            return Map.of();
        }
        if (size == 2) {
            return Map.of(pairs[0], List.of(pairs[1]));
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, List<String>>[] entries = new Map.Entry[size / 2];
        int names = 0;
        boolean[] done = new boolean[size / 2];
        for (int i = 0; i < size; i += 2) {
            if (done[i / 2]) {
                continue;
            }
            int count = 1;
            for (int j = i + 2; j < size; j += 2) {
                if (pairs[j].equals(pairs[i])) {
                    count++;
                }
            }
            String[] values = new String[count];
            values[0] = pairs[i + 1];
            for (int j = i + 2, k = 1; k < count; j += 2) {
                if (pairs[j].equals(pairs[i])) {
                    values[k++] = pairs[j + 1];
                    done[j / 2] = true;
                }
            }
            entries[names++] = Map.entry(pairs[i], List.of(values));
        }
        return Map.ofEntries(Arrays.copyOf(entries, names));
    }
}
