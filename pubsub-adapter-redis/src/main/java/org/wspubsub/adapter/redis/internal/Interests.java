package org.wspubsub.adapter.redis.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wspubsub.api.Topics;

/**
 * One node's interests (exact topics and patterns) and the rule that makes delivery exactly once
 * per node although Redis sends one copy per matching subscription: a copy is accepted only when
 * it arrived through the topic's canonical interest, which is the exact topic when the node holds
 * it, else the first held pattern (in subscription order) that matches. Copies through patterns
 * whose glob over-matched are dropped by the same rule.
 *
 * <p>Thread-safe: changed by the node's subscribe calls, read on Lettuce's event loop.
 */
public final class Interests {

    private final Set<String> exact = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<String> patterns = new CopyOnWriteArrayList<>();

    /** @return true when the interest is new */
    public boolean add(String topicOrPattern) {
        return Topics.isPattern(topicOrPattern) ? patterns.addIfAbsent(topicOrPattern) : exact.add(topicOrPattern);
    }

    /** @return true when the interest was held */
    public boolean remove(String topicOrPattern) {
        return Topics.isPattern(topicOrPattern) ? patterns.remove(topicOrPattern) : exact.remove(topicOrPattern);
    }

    public boolean hasPatterns() {
        return !patterns.isEmpty();
    }

    /**
     * Whether a copy of a publication on {@code topic} that arrived through {@code viaPattern}
     * (null for an exact-channel copy) is the one to deliver.
     */
    public boolean accept(String topic, String viaPattern) {
        if (exact.contains(topic)) {
            return viaPattern == null;
        }
        if (viaPattern == null) {
            return false;
        }
        for (String pattern : patterns) {
            if (Topics.matches(pattern, topic)) {
                return pattern.equals(viaPattern);
            }
        }
        return false;
    }

    /** Calls {@code action} for every interest held. */
    public void forEach(java.util.function.Consumer<String> action) {
        exact.forEach(action);
        patterns.forEach(action);
    }

    public void clear() {
        exact.clear();
        patterns.clear();
    }
}
