package org.wspubsub.core.internal.hub;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The subscribers of one topic or pattern, stored as compactly as their number allows: one
 * subscriber is the value itself (most topics in a per-user or per-room layout have exactly one
 * per node), a few are an immutable array replaced on every change, many are a concurrent set.
 * A value of {@code null} means none. Readers need no lock: they see either the old or the new
 * immutable value, or the live concurrent set.
 *
 * <p>Static functions over such values. Changes to one key must be serialized by the caller (a
 * {@code ConcurrentHashMap.compute} or a lock); reads are safe from any thread. Subscribers are
 * compared with {@code equals}, as a set would.
 */
final class Members {

    /** Past this many subscribers a key switches from an array to a concurrent set. */
    static final int ARRAY_LIMIT = 32;

    private record Few(Object[] members) {
    }

    private record Many(Set<Object> set) {
    }

    private Members() {
    }

    static boolean contains(Object value, Object subscriber) {
        if (value == null) {
            return false;
        }
        if (value instanceof Many many) {
            return many.set.contains(subscriber);
        }
        if (value instanceof Few few) {
            return indexOf(few.members, subscriber) >= 0;
        }
        return value.equals(subscriber);
    }

    /** The value with {@code subscriber} added (the same value when it is there already). */
    static Object add(Object value, Object subscriber) {
        if (value == null) {
            return subscriber;
        }
        if (value instanceof Many many) {
            many.set.add(subscriber);
            return value;
        }
        if (value instanceof Few few) {
            if (indexOf(few.members, subscriber) >= 0) {
                return value;
            }
            int n = few.members.length;
            if (n >= ARRAY_LIMIT) {
                Set<Object> set = ConcurrentHashMap.newKeySet(n * 2);
                set.addAll(Arrays.asList(few.members));
                set.add(subscriber);
                return new Many(set);
            }
            Object[] grown = Arrays.copyOf(few.members, n + 1);
            grown[n] = subscriber;
            return new Few(grown);
        }
        return value.equals(subscriber) ? value : new Few(new Object[] {value, subscriber});
    }

    /** The value with {@code subscriber} removed; null when none is left. */
    static Object remove(Object value, Object subscriber) {
        if (value == null) {
            return null;
        }
        if (value instanceof Many many) {
            many.set.remove(subscriber);
            return many.set.isEmpty() ? null : value;
        }
        if (value instanceof Few few) {
            int at = indexOf(few.members, subscriber);
            if (at < 0) {
                return value;
            }
            int n = few.members.length;
            if (n == 2) {
                return few.members[1 - at];
            }
            Object[] shrunk = new Object[n - 1];
            System.arraycopy(few.members, 0, shrunk, 0, at);
            System.arraycopy(few.members, at + 1, shrunk, at, n - at - 1);
            return new Few(shrunk);
        }
        return value.equals(subscriber) ? null : value;
    }

    static int size(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Many many) {
            return many.set.size();
        }
        return value instanceof Few few ? few.members.length : 1;
    }

    /** Calls {@code action} for each subscriber; returns how many were visited. */
    @SuppressWarnings("unchecked")
    static <S> int forEach(Object value, Consumer<? super S> action) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Many many) {
            int count = 0;
            for (Object subscriber : many.set) {
                action.accept((S) subscriber);
                count++;
            }
            return count;
        }
        if (value instanceof Few few) {
            for (Object subscriber : few.members) {
                action.accept((S) subscriber);
            }
            return few.members.length;
        }
        action.accept((S) value);
        return 1;
    }

    private static int indexOf(Object[] members, Object subscriber) {
        for (int i = 0; i < members.length; i++) {
            if (members[i].equals(subscriber)) {
                return i;
            }
        }
        return -1;
    }
}
