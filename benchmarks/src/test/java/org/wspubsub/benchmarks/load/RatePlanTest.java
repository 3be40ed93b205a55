package org.wspubsub.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class RatePlanTest {

    /** Runs a plan against a server that is clean exactly where {@code clean} says; the rates tried, in order. */
    private static List<Integer> steps(RatePlan plan, IntPredicate clean) {
        List<Integer> tried = new ArrayList<>();
        OptionalInt next = OptionalInt.of(plan.first());
        while (next.isPresent()) {
            int rate = next.getAsInt();
            tried.add(rate);
            next = plan.next(rate, clean.test(rate));
        }
        return tried;
    }

    private static int highestClean(List<Integer> tried, IntPredicate clean) {
        return tried.stream().filter(clean::test).mapToInt(Integer::intValue).max().orElse(0);
    }

    @Test
    void aListStopsAtItsFirstStepThatIsNotClean() {
        IntPredicate ceiling = rate -> rate <= 300;

        assertThat(steps(RatePlan.listed(new int[] {100, 200, 300, 400, 500}), ceiling)).containsExactly(100, 200, 300, 400);
        assertThat(steps(RatePlan.listed(new int[] {100, 200}), ceiling)).containsExactly(100, 200);
        assertThat(steps(RatePlan.listed(new int[] {500, 100}), ceiling)).containsExactly(500);
        assertThatThrownBy(() -> RatePlan.listed(new int[] {100, 0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSearchClimbsPastTheCeilingThenNarrowsItDownToThePrecision() {
        IntPredicate ceiling = rate -> rate <= 137;

        List<Integer> tried = steps(new RateSearch(25, 0.10), ceiling);

        assertThat(tried.subList(0, 6)).containsExactly(25, 38, 57, 86, 129, 194);
        int found = highestClean(tried, ceiling);
        assertThat(found).isBetween(125, 137);
        int lowestMiss = tried.stream().filter(r -> !ceiling.test(r)).mapToInt(Integer::intValue).min().orElseThrow();
        assertThat(lowestMiss - found).isLessThanOrEqualTo((int) (found * 0.10));
        assertThat(tried).hasSizeLessThan(12);
    }

    @Test
    void theSearchHalvesAStartAboveEveryCeilingThenNarrowsDown() {
        IntPredicate ceiling = rate -> rate <= 60;

        List<Integer> tried = steps(new RateSearch(400, 0.05), ceiling);

        assertThat(tried.subList(0, 4)).containsExactly(400, 200, 100, 50);
        assertThat(highestClean(tried, ceiling)).isBetween(57, 60);
    }

    @Test
    void theSearchFindsRatesOneApartAndGivesUpBelowOne() {
        assertThat(highestClean(steps(new RateSearch(4, 0.10), rate -> rate <= 5), rate -> rate <= 5)).isEqualTo(5);
        assertThat(steps(new RateSearch(4, 0.10), rate -> false)).containsExactly(4, 2, 1);
    }

    @Test
    void theSearchIsBoundedInSteps() {
        List<Integer> tried = steps(new RateSearch(1, 0.10), rate -> true);

        assertThat(tried).hasSize(RateSearch.MAX_STEPS);
        assertThat(tried).isSorted();
        assertThatThrownBy(() -> new RateSearch(0, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateSearch(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
