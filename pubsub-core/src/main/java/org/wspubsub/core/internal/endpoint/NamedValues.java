package org.wspubsub.core.internal.endpoint;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Name/value pairs collected in order (headers, query parameters). A {@link SimpleHandshakeRequest}
 * keeps them as one array ({@link #toArray()}) and answers a lookup by scanning it; the multimap
 * view ({@link #toMap(String[])}: each name once, with its values in the order they came) is built
 * only when asked for. Not thread-safe: one thread fills it, then reads it.
 */
public final class NamedValues {

    private static final String[] NONE = new String[0];

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

    /** The pairs, names at even indexes each followed by its value, in an array of their own. */
    public String[] toArray() {
        return size == 0 ? NONE : Arrays.copyOf(pairs, size);
    }

    /** The pairs as an immutable map of each name to its values, in order. */
    public Map<String, List<String>> toMap() {
        return toMap(toArray());
    }

    /** The first value of {@code name} in {@code pairs} (as {@link #toArray()} returns them), or null. */
    public static String first(String[] pairs, String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(name)) {
                return pairs[i + 1];
            }
        }
        return null;
    }

    /** {@code pairs} (as {@link #toArray()} returns them) as an immutable map of each name to its values, in order. */
    public static Map<String, List<String>> toMap(String[] pairs) {
        int size = pairs.length;
        if (size == 0) {
            return Map.of();
        }
        if (size == 2) {
            return Map.of(pairs[0], List.of(pairs[1]));
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, List<String>>[] entries = new Map.Entry[size / 2];
        int names = 0;
        for (int i = 0; i < size; i += 2) {
            if (firstIndexOf(pairs, pairs[i]) == i) {
                entries[names++] = Map.entry(pairs[i], valuesOf(pairs, pairs[i], i));
            }
        }
        return Map.ofEntries(Arrays.copyOf(entries, names));
    }

    /** Where {@code name} first occurs. Names are few (a request's headers), so a scan is cheapest. */
    private static int firstIndexOf(String[] pairs, String name) {
        int i = 0;
        while (!pairs[i].equals(name)) {
            i += 2;
        }
        return i;
    }

    /** The values of {@code name}, which first occurs at {@code first}. */
    private static List<String> valuesOf(String[] pairs, String name, int first) {
        int count = 0;
        for (int i = first; i < pairs.length; i += 2) {
            count += pairs[i].equals(name) ? 1 : 0;
        }
        String[] values = new String[count];
        for (int i = first, k = 0; k < count; i += 2) {
            if (pairs[i].equals(name)) {
                values[k++] = pairs[i + 1];
            }
        }
        return List.of(values);
    }
}
