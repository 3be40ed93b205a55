package org.wspubsub.core.internal.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicIndexTest {

    private final TopicIndex<String> index = new TopicIndex<>();

    private List<String> matches(String topic) {
        List<String> out = new ArrayList<>();
        index.forEachMatch(topic, out::add);
        return out;
    }

    @Test
    void reportsFirstAndLastSubscriberOfAKey() {
        assertThat(index.add("a.b", false, "s1")).isTrue();
        assertThat(index.add("a.b", false, "s2")).isFalse();
        assertThat(index.add("a.*", true, "s1")).isTrue();
        assertThat(index.add("a.*", true, "s2")).isFalse();
        assertThat(index.remove("a.b", false, "s1")).isFalse();
        assertThat(index.remove("a.b", false, "s2")).isTrue();
        assertThat(index.remove("a.b", false, "s2")).isFalse();
        assertThat(index.remove("a.*", true, "s1")).isFalse();
        assertThat(index.remove("a.*", true, "s2")).isTrue();
        assertThat(index.exactTopicCount()).isZero();
        assertThat(index.patternSubscriptionCount()).isZero();
    }

    @Test
    void visitsEachSubscriberOnceHoweverManySubscriptionsMatch() {
        index.add("room.7.messages", false, "s1");
        index.add("room.*.messages", true, "s1");
        index.add("room.>", true, "s1");
        index.add("*.7.*", true, "s1");
        index.add("room.>", true, "s2");
        index.add("room.8.messages", false, "s3");
        assertThat(matches("room.7.messages")).containsExactlyInAnyOrder("s1", "s2");
        assertThat(matches("room.8.messages")).containsExactlyInAnyOrder("s1", "s2", "s3");
        assertThat(matches("room")).isEmpty();
        assertThat(matches("hall.7.x")).containsExactly("s1");
    }

    @Test
    void prunesEmptyPatternBranches() {
        index.add("a.b.c.*", true, "s1");
        index.add("a.b.>", true, "s2");
        index.remove("a.b.c.*", true, "s1");
        assertThat(matches("a.b.c.d")).containsExactly("s2");
        index.remove("a.b.>", true, "s2");
        assertThat(matches("a.b.c.d")).isEmpty();
        assertThat(index.patternSubscriptionCount()).isZero();
    }

    @Test
    void matchesAmongManyUnrelatedSubscriptions() {
        for (int i = 0; i < 50_000; i++) {
            index.add("user." + i + ".notifications", false, "u" + i);
            index.add("room." + i + ".*", true, "r" + i);
        }
        assertThat(matches("user.123.notifications")).containsExactly("u123");
        assertThat(matches("room.77.messages")).containsExactly("r77");
        assertThat(matches("room.77")).isEmpty();
    }
}
