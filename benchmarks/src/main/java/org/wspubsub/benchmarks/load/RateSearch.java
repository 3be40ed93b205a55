package org.wspubsub.benchmarks.load;

import java.util.OptionalInt;

/**
 * {@code --search FROM}: finds the highest clean rate whatever the host's speed, where a fixed list
 * of rates can start above every server's ceiling on a slow host or step past it coarsely on a fast
 * one. From {@code FROM} it climbs by {@link #FACTOR} while steps are clean (or halves while they are
 * not, when {@code FROM} is already too high), then bisects between the highest clean rate and the
 * lowest rate that was not clean, until they are within {@code precision} of the clean one (at least
 * 1 msg/s apart). It stops after {@link #MAX_STEPS} steps whatever it found, so a ramp is bounded in
 * time. The load tool's main thread only.
 */
final class RateSearch implements RatePlan {

    /** How much each climbing step raises the rate. */
    static final double FACTOR = 1.5;
    /** The most steps one search takes. */
    static final int MAX_STEPS = 24;

    private final int from;
    private final double precision;
    private int highestClean;
    private int lowestNotClean = Integer.MAX_VALUE;
    private int steps;

    /**
     * @param from      the first rate, msg/s (above 0)
     * @param precision how close the highest clean rate and the lowest rate that was not clean must
     *                  come, as a fraction of the clean one (above 0)
     */
    RateSearch(int from, double precision) {
        if (from <= 0 || !(precision > 0)) {
            throw new IllegalArgumentException("--search needs a rate above 0 and --search-precision a percentage above 0");
        }
        this.from = from;
        this.precision = precision;
    }

    @Override
    public int first() {
        return from;
    }

    @Override
    public OptionalInt next(int rate, boolean clean) {
        steps++;
        if (clean) {
            highestClean = Math.max(highestClean, rate);
        } else {
            lowestNotClean = Math.min(lowestNotClean, rate);
        }
        if (steps >= MAX_STEPS) {
            return OptionalInt.empty();
        }
        if (lowestNotClean == Integer.MAX_VALUE) {
            return OptionalInt.of(Math.max(highestClean + 1, (int) Math.ceil(highestClean * FACTOR)));
        }
        if (highestClean == 0) {
            return lowestNotClean > 1 ? OptionalInt.of(lowestNotClean / 2) : OptionalInt.empty();
        }
        int gap = lowestNotClean - highestClean;
        if (gap <= Math.max(1, precision * highestClean)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(highestClean + gap / 2);
    }
}
