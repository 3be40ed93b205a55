package org.wspubsub.adapter.redis.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.wspubsub.api.Topics;

/**
 * One node's interests and the rule that makes delivery exactly once per node although Redis sends
 * one copy per matching subscription.
 *
 * <p>A copy is accepted only when it arrived through the topic's <em>canonical</em> interest: the
 * exact channel when the node holds the topic and Redis has confirmed that subscription, else the
 * glob of the first held pattern (in subscription order) that matches. Several patterns can share
 * one glob ({@code room.*} and {@code room.>} are both {@code <prefix>:room.*}); the glob is
 * subscribed at Redis once, while any of them is held. Copies through globs that over-matched are
 * dropped by the same rule.
 *
 * <p>Thread-safe: changed by the node's subscribe calls, read on Lettuce's event loop.
 */
public final class Interests {

    private final Set<String> exact = ConcurrentHashMap.newKeySet();
    private final Set<String> confirmedExact = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<PatternInterest> patterns = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> globHolders = new ConcurrentHashMap<>();

    private record PatternInterest(String pattern, String glob) { }

    /** Adds an exact topic. @return true when it is new */
    public boolean addExact(String topic) {
        return exact.add(topic);
    }

    /** Redis confirmed the subscription to {@code topic}: from now on its exact copies are the canonical ones. */
    public void confirmExact(String topic) {
        if (exact.contains(topic)) {
            confirmedExact.add(topic);
        }
    }

    /** Removes an exact topic. @return true when it was held */
    public boolean removeExact(String topic) {
        confirmedExact.remove(topic);
        return exact.remove(topic);
    }

    /**
     * Adds a pattern with its glob.
     *
     * @return 0 when the pattern was already held, 1 when it is new and its glob must be subscribed,
     *     2 when it is new but its glob is already subscribed for another pattern
     */
    public synchronized int addPattern(String pattern, String glob) {
        for (PatternInterest held : patterns) {
            if (held.pattern.equals(pattern)) {
                return 0;
            }
        }
        patterns.add(new PatternInterest(pattern, glob));
        return globHolders.merge(glob, 1, Integer::sum) == 1 ? 1 : 2;
    }

    /**
     * Removes a pattern.
     *
     * @return its glob when no other held pattern needs that glob any more (unsubscribe it), else null
     */
    public synchronized String removePattern(String pattern) {
        for (PatternInterest held : patterns) {
            if (held.pattern.equals(pattern)) {
                patterns.remove(held);
                Integer left = globHolders.merge(held.glob, -1, Integer::sum);
                if (left != null && left <= 0) {
                    globHolders.remove(held.glob);
                    return held.glob;
                }
                return null;
            }
        }
        return null;
    }

    /** Whether the exact topic is still held. */
    public boolean holdsExact(String topic) {
        return exact.contains(topic);
    }

    /** Whether some held pattern still needs the glob. */
    public boolean holdsGlob(String glob) {
        return globHolders.containsKey(glob);
    }

    public boolean hasPatterns() {
        return !patterns.isEmpty();
    }

    /**
     * Whether a copy of a publication on {@code topic} that arrived through {@code viaGlob} (null for
     * an exact-channel copy) is the one to deliver.
     */
    public boolean accept(String topic, String viaGlob) {
        if (confirmedExact.contains(topic)) {
            return viaGlob == null;
        }
        if (viaGlob == null) {
            return exact.contains(topic) && !hasMatchingPattern(topic);
        }
        for (PatternInterest held : patterns) {
            if (Topics.matches(held.pattern, topic)) {
                return held.glob.equals(viaGlob);
            }
        }
        return false;
    }

    private boolean hasMatchingPattern(String topic) {
        for (PatternInterest held : patterns) {
            if (Topics.matches(held.pattern, topic)) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code onExact} for every exact topic and {@code onGlob} for every subscribed glob. */
    public void forEach(Consumer<String> onExact, Consumer<String> onGlob) {
        exact.forEach(onExact);
        globHolders.keySet().forEach(onGlob);
    }

    public synchronized void clear() {
        exact.clear();
        confirmedExact.clear();
        patterns.clear();
        globHolders.clear();
    }
}
