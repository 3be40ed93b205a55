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
 * Each subscriber is visited once per match, however many of its subscriptions match.
 *
 * <p>Thread-safe: lookups are lock-free; {@link #add} and {@link #remove} are safe from any thread
 * (pattern changes take one lock). {@code add} and {@code remove} report the first and last
 * subscriber of a key so the caller can keep broker interest in step.
 *
 * @param <S> the subscriber type, compared by identity
 */
public final class TopicIndex<S> {

    private final ConcurrentHashMap<String, Set<S>> exact = new ConcurrentHashMap<>();
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
            exact.compute(topicOrPattern, (k, set) -> {
                if (set == null) {
                    set = ConcurrentHashMap.newKeySet();
                }
                first[0] = set.isEmpty();
                set.add(subscriber);
                return set;
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
            Set<S> set = tail ? node.tailOrCreate() : node.terminalOrCreate();
            boolean first = set.isEmpty();
            if (set.add(subscriber)) {
                patternSubscriptions++;
            }
            return first;
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
            exact.computeIfPresent(topicOrPattern, (k, set) -> {
                if (set.remove(subscriber) && set.isEmpty()) {
                    last[0] = true;
                    return null;
                }
                return set.isEmpty() ? null : set;
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
            Set<S> set = tail ? node.tail : node.terminal;
            if (set == null || !set.remove(subscriber)) {
                return false;
            }
            patternSubscriptions--;
            boolean last = set.isEmpty();
            if (last) {
                if (tail) {
                    node.tail = null;
                } else {
                    node.terminal = null;
                }
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
        Set<S> exactSet = exact.get(topic);
        if (patternSubscriptions == 0) {
            return visit(exactSet, action);
        }
        List<Set<S>> sets = new ArrayList<>(4);
        if (exactSet != null) {
            sets.add(exactSet);
        }
        collect(root, topic.split("\\."), 0, sets);
        if (sets.isEmpty()) {
            return 0;
        }
        if (sets.size() == 1) {
            return visit(sets.get(0), action);
        }
        int expected = 0;
        for (Set<S> s : sets) {
            expected += s.size();
        }
        Set<S> seen = new HashSet<>(Math.max(16, expected * 2));
        int count = 0;
        for (Set<S> s : sets) {
            for (S subscriber : s) {
                if (seen.add(subscriber)) {
                    action.accept(subscriber);
                    count++;
                }
            }
        }
        return count;
    }

    private static <S> int visit(Set<S> set, Consumer<? super S> action) {
        if (set == null) {
            return 0;
        }
        int count = 0;
        for (S subscriber : set) {
            action.accept(subscriber);
            count++;
        }
        return count;
    }

    private static <S> void collect(PatternNode<S> node, String[] segments, int i, List<Set<S>> out) {
        Set<S> tail = node.tail;
        if (tail != null && i < segments.length) {
            out.add(tail);
        }
        if (i == segments.length) {
            Set<S> terminal = node.terminal;
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
        volatile Set<S> terminal;
        volatile Set<S> tail;

        PatternNode<S> child(String segment) {
            return children.get(segment);
        }

        PatternNode<S> childOrCreate(String segment) {
            return children.computeIfAbsent(segment, s -> new PatternNode<>());
        }

        Set<S> terminalOrCreate() {
            if (terminal == null) {
                terminal = ConcurrentHashMap.newKeySet();
            }
            return terminal;
        }

        Set<S> tailOrCreate() {
            if (tail == null) {
                tail = ConcurrentHashMap.newKeySet();
            }
            return tail;
        }

        boolean isEmpty() {
            return terminal == null && tail == null && children.isEmpty();
        }
    }
}
