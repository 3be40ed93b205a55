package org.wspubsub.core.internal.endpoint;

import java.util.HashSet;
import java.util.Set;

/**
 * One connection's subscriptions (topics and patterns), kept as small as the count allows: nothing
 * for none, the topic itself for one, an immutable set for more. Most connections hold one or a
 * few subscriptions and change them rarely, so changes copy and reads never lock.
 *
 * <p>Thread-safe: reads from any thread see the latest change; changes are serialized.
 */
final class SubscriptionSet {

    /** null (none), a {@link String} (one) or an immutable {@code Set<String>} (more). */
    private volatile Object topics;

    boolean contains(String topic) {
        Object current = topics;
        if (current == null) {
            return false;
        }
        return current instanceof String single ? single.equals(topic) : asSet(current).contains(topic);
    }

    int size() {
        Object current = topics;
        if (current == null) {
            return 0;
        }
        return current instanceof String ? 1 : asSet(current).size();
    }

    /** Adds {@code topic}; false when it was already there. */
    synchronized boolean add(String topic) {
        Object current = topics;
        if (current == null) {
            topics = topic;
            return true;
        }
        if (contains(topic)) {
            return false;
        }
        Set<String> grown = new HashSet<>(snapshot());
        grown.add(topic);
        topics = Set.copyOf(grown);
        return true;
    }

    /** Removes {@code topic}; false when it was not there. */
    synchronized boolean remove(String topic) {
        if (!contains(topic)) {
            return false;
        }
        Object current = topics;
        if (current instanceof String) {
            topics = null;
            return true;
        }
        Set<String> shrunk = new HashSet<>(asSet(current));
        shrunk.remove(topic);
        topics = shrunk.size() == 1 ? shrunk.iterator().next() : Set.copyOf(shrunk);
        return true;
    }

    /** The subscriptions now (immutable). */
    Set<String> snapshot() {
        Object current = topics;
        if (current == null) {
            return Set.of();
        }
        return current instanceof String single ? Set.of(single) : asSet(current);
    }

    /** Removes every subscription and returns what there was (immutable). */
    synchronized Set<String> takeAll() {
        Set<String> all = snapshot();
        topics = null;
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> asSet(Object value) {
        return (Set<String>) value;
    }
}
