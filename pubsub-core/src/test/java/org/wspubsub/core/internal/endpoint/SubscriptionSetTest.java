package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The subscription set through every size it stores differently: none, one, several, and back. */
class SubscriptionSetTest {

    private final SubscriptionSet set = new SubscriptionSet();

    @Test
    void growsAndShrinksThroughOneAndSeveral() {
        assertThat(set.size()).isZero();
        assertThat(set.contains("a")).isFalse();
        assertThat(set.snapshot()).isEmpty();

        assertThat(set.add("a")).isTrue();
        assertThat(set.add("a")).as("already there").isFalse();
        assertThat(set.size()).isEqualTo(1);
        assertThat(set.contains("a")).isTrue();
        assertThat(set.contains("b")).isFalse();

        assertThat(set.add("b")).isTrue();
        assertThat(set.add("c.*")).isTrue();
        assertThat(set.snapshot()).containsExactlyInAnyOrder("a", "b", "c.*");

        assertThat(set.remove("x")).as("never added").isFalse();
        assertThat(set.remove("b")).isTrue();
        assertThat(set.remove("c.*")).isTrue();
        assertThat(set.snapshot()).containsExactly("a");
        assertThat(set.contains("a")).isTrue();

        assertThat(set.remove("a")).isTrue();
        assertThat(set.size()).isZero();
        assertThat(set.remove("a")).isFalse();
    }

    @Test
    void takeAllEmptiesTheSetAndReturnsWhatItHeld() {
        set.add("a");
        set.add("b");
        Set<String> taken = set.takeAll();
        assertThat(taken).containsExactlyInAnyOrder("a", "b");
        assertThat(set.size()).isZero();
        assertThat(set.takeAll()).isEmpty();
        set.add("c");
        assertThat(set.takeAll()).containsExactly("c");
    }

    @Test
    void aSnapshotDoesNotChangeWithTheSet() {
        set.add("a");
        set.add("b");
        Set<String> before = set.snapshot();
        set.remove("a");
        assertThat(before).containsExactlyInAnyOrder("a", "b");
        assertThat(set.snapshot()).containsExactly("b");
    }
}
