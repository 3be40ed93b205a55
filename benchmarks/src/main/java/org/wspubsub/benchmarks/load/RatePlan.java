package org.wspubsub.benchmarks.load;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Which publish rates a ramp tries, one step at a time: the first rate, then each next one from
 * whether the step before was clean. A ramp's result is its highest clean step. One plan serves one
 * ramp (one server in one round), on the load tool's main thread.
 */
interface RatePlan {

    /** The rate of the first step. */
    int first();

    /** The rate of the step after a step at {@code rate} that was {@code clean} or not; empty to stop. */
    OptionalInt next(int rate, boolean clean);

    /** {@code --rates 100,200,…}: the listed rates in order, up to the first step that is not clean. */
    static RatePlan listed(int[] rates) {
        if (rates.length == 0 || Arrays.stream(rates).anyMatch(r -> r <= 0)) {
            throw new IllegalArgumentException("--rates needs one or more rates above 0: " + Arrays.toString(rates));
        }
        int[] copy = rates.clone();
        return new RatePlan() {
            private int index;

            @Override
            public int first() {
                return copy[0];
            }

            @Override
            public OptionalInt next(int rate, boolean clean) {
                return clean && index + 1 < copy.length ? OptionalInt.of(copy[++index]) : OptionalInt.empty();
            }
        };
    }
}
