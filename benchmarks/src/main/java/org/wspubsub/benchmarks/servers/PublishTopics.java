package org.wspubsub.benchmarks.servers;

/**
 * The topics of a run's publications, by sequence number: {@code base} for every one when
 * {@code spread} is 1 (fan-out, fixed load), {@code base + n % spread} otherwise (many topics:
 * {@code topic.0}, {@code topic.1}, …). Shared by the load tool's publisher connection and the
 * servers' in-process publisher, so both publish to the same topics. Immutable.
 */
public record PublishTopics(String base, int spread) {

    public PublishTopics {
        if (base == null || base.isEmpty() || base.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a topic base needs at least one character and no spaces: '" + base + "'");
        }
        if (spread < 1) {
            throw new IllegalArgumentException("spread must be 1 or more: " + spread);
        }
    }

    /** Every publication on {@code topic}. */
    public static PublishTopics single(String topic) {
        return new PublishTopics(topic, 1);
    }

    /** The topic of publication number {@code n}. */
    public String of(long n) {
        return spread == 1 ? base : base + (n % spread);
    }
}
