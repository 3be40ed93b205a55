package org.wspubsub.core.internal.hub;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which subscribers hold which topics and patterns, and who matches a published topic.
 *
 * <p>Exact topics live in a hash map; patterns in a trie of segments, with {@code *} as a child and
 * a trailing {@code >} kept on the node before it. Matching a topic costs one hash lookup plus a
 * walk of the trie along the topic's segments, whatever the number of unrelated subscriptions.
 * Each subscriber is visited once per match, however many of its subscriptions match. A key's
 * subscribers are kept as compactly as their number allows ({@link Members}): a topic with one
 * subscriber costs one map entry and no set.
 *
 * <p>Thread-safe: lookups are lock-free; {@link #add} and {@link #remove} are safe from any thread
 * (pattern changes take one lock). {@code add} and {@code remove} report the first and last
 * subscriber of a key so the caller can keep broker interest in step.
 *
 * @param <S> the subscriber type, compared with {@code equals}
 */
public final class TopicIndex<S> {

    /** Topic to its {@link Members} value. */
    private final ConcurrentHashMap<String, Object> exact = new ConcurrentHashMap<>();
    private final PatternNode<S> root = new PatternNode<>();
    private final Object patternLock = new Object();
    private volatile int patternSubscriptions;

    /**
     * Adds {@code subscriber} under a topic or pattern.
     *
     * @return true when it is the key's first subscriber
     */
    public boolean add(String topicOrPattern, boolean pattern, S subscriber) {
        if (!pattern) {
            boolean[] first = {false};
            exact.compute(topicOrPattern, (k, members) -> {
                first[0] = members == null;
                return Members.add(members, subscriber);
            });
            return first[0];
        }
        synchronized (patternLock) {
            PatternNode<S> node = root;
            String[] segments = topicOrPattern.split("\\.");
            int last = segments.length - 1;
            boolean tail = segments[last].equals(">");
            int depth = tail ? last : segments.length;
            for (int i = 0; i < depth; i++) {
                node = node.childOrCreate(segments[i]);
            }
            Object members = node.members(tail);
            if (Members.contains(members, subscriber)) {
                return false;
            }
            node.members(tail, Members.add(members, subscriber));
            patternSubscriptions++;
            return members == null;
        }
    }

    /**
     * Removes {@code subscriber} from a topic or pattern.
     *
     * @return true when it was the key's last subscriber
     */
    public boolean remove(String topicOrPattern, boolean pattern, S subscriber) {
        if (!pattern) {
            boolean[] last = {false};
            exact.computeIfPresent(topicOrPattern, (k, members) -> {
                boolean held = Members.contains(members, subscriber);
                Object rest = Members.remove(members, subscriber); // may change a large set in place
                last[0] = held && rest == null;
                return rest;
            });
            return last[0];
        }
        synchronized (patternLock) {
            String[] segments = topicOrPattern.split("\\.");
            int lastIndex = segments.length - 1;
            boolean tail = segments[lastIndex].equals(">");
            int depth = tail ? lastIndex : segments.length;
            List<PatternNode<S>> path = new ArrayList<>(depth + 1);
            PatternNode<S> node = root;
            path.add(node);
            for (int i = 0; i < depth && node != null; i++) {
                node = node.child(segments[i]);
                path.add(node);
            }
            if (node == null) {
                return false;
            }
            Object members = node.members(tail);
            if (!Members.contains(members, subscriber)) {
                return false;
            }
            Object rest = Members.remove(members, subscriber);
            node.members(tail, rest);
            patternSubscriptions--;
            boolean last = rest == null;
            if (last) {
                prune(path, segments);
            }
            return last;
        }
    }

    private void prune(List<PatternNode<S>> path, String[] segments) {
        for (int i = path.size() - 1; i > 0; i--) {
            PatternNode<S> node = path.get(i);
            if (!node.isEmpty()) {
                return;
            }
            path.get(i - 1).children.remove(segments[i - 1]);
        }
    }

    /**
     * Calls {@code action} once for every subscriber with at least one subscription matching the
     * concrete {@code topic}.
     *
     * @return how many subscribers were visited
     */
    public int forEachMatch(String topic, Consumer<? super S> action) {
        Object exactMembers = exact.get(topic);
        if (patternSubscriptions == 0) {
            return Members.forEach(exactMembers, action);
        }
        List<Object> found = new ArrayList<>(4);
        if (exactMembers != null) {
            found.add(exactMembers);
        }
        collect(root, topic.split("\\."), 0, found);
        if (found.isEmpty()) {
            return 0;
        }
        if (found.size() == 1) {
            return Members.forEach(found.get(0), action);
        }
        int expected = 0;
        for (Object members : found) {
            expected += Members.size(members);
        }
        Set<S> seen = new HashSet<>(Math.max(16, expected * 2));
        int[] count = {0};
        for (Object members : found) {
            Members.<S>forEach(members, subscriber -> {
                if (seen.add(subscriber)) {
                    action.accept(subscriber);
                    count[0]++;
                }
            });
        }
        return count[0];
    }

    private static <S> void collect(PatternNode<S> node, String[] segments, int i, List<Object> out) {
        Object tail = node.tail;
        if (tail != null && i < segments.length) {
            out.add(tail);
        }
        if (i == segments.length) {
            Object terminal = node.terminal;
            if (terminal != null) {
                out.add(terminal);
            }
            return;
        }
        ConcurrentHashMap<String, PatternNode<S>> children = node.children;
        if (children.isEmpty()) {
            return;
        }
        PatternNode<S> literal = children.get(segments[i]);
        if (literal != null) {
            collect(literal, segments, i + 1, out);
        }
        PatternNode<S> star = children.get("*");
        if (star != null) {
            collect(star, segments, i + 1, out);
        }
    }

    /** The number of distinct exact topics with subscribers; for diagnostics and leak tests. */
    public int exactTopicCount() {
        return exact.size();
    }

    /** The number of (pattern, subscriber) pairs; for diagnostics and leak tests. */
    public int patternSubscriptionCount() {
        return patternSubscriptions;
    }

    private static final class PatternNode<S> {
        final ConcurrentHashMap<String, PatternNode<S>> children = new ConcurrentHashMap<>(4);
        /** {@link Members} of the pattern ending here; written under the pattern lock. */
        volatile Object terminal;
        /** {@link Members} of the pattern ending here with {@code >}; written under the pattern lock. */
        volatile Object tail;

        PatternNode<S> child(String segment) {
            return children.get(segment);
        }

        /** The {@link Members} of the pattern ending here, with a trailing {@code >} or without. */
        Object members(boolean tail) {
            return tail ? this.tail : terminal;
        }

        /** Replaces them; under the pattern lock. */
        void members(boolean tail, Object members) {
            if (tail) {
                this.tail = members;
            } else {
                terminal = members;
            }
        }

        PatternNode<S> childOrCreate(String segment) {
            return children.computeIfAbsent(segment, s -> new PatternNode<>());
        }

        boolean isEmpty() {
            return terminal == null && tail == null && children.isEmpty();
        }
    }
}
