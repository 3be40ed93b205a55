package org.wspubsub.core.internal.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A key's subscribers through every form: none, one, an array, a set, and back to none. */
class MembersTest {

    private static List<Object> list(Object value) {
        List<Object> out = new ArrayList<>();
        assertThat(Members.forEach(value, out::add)).isEqualTo(out.size());
        return out;
    }

    @Test
    void growsFromOneToAnArrayToASetAndShrinksBackToNone() {
        int many = Members.ARRAY_LIMIT * 3;
        Object value = null;
        for (int i = 0; i < many; i++) {
            assertThat(Members.contains(value, "s" + i)).isFalse();
            value = Members.add(value, "s" + i);
            assertThat(Members.add(value, "s" + i)).as("adding twice changes nothing").isSameAs(value);
            assertThat(Members.size(value)).isEqualTo(i + 1);
            assertThat(Members.contains(value, "s" + i)).isTrue();
        }
        assertThat(list(value)).hasSize(many).doesNotHaveDuplicates();
        for (int i = 0; i < many; i++) {
            Object before = value;
            value = Members.remove(value, "s" + i);
            assertThat(Members.contains(value, "s" + i)).isFalse();
            assertThat(Members.size(value)).isEqualTo(many - i - 1);
            assertThat(Members.remove(value, "not there")).as("removing a stranger changes nothing")
                    .isSameAs(value);
            assertThat(before).isNotNull();
        }
        assertThat(value).isNull();
    }

    @Test
    void anArrayShrinksToTheSingleSubscriberLeft() {
        Object value = Members.add(Members.add(Members.add(null, "a"), "b"), "c");
        assertThat(list(value)).containsExactly("a", "b", "c");
        value = Members.remove(value, "b");
        assertThat(list(value)).containsExactly("a", "c");
        value = Members.remove(value, "a");
        assertThat(value).isEqualTo("c");
        assertThat(Members.remove(value, "c")).isNull();
    }

    @Test
    void topicIndexReportsFirstAndLastAcrossEveryForm() {
        TopicIndex<String> index = new TopicIndex<>();
        int many = Members.ARRAY_LIMIT * 2;
        for (int i = 0; i < many; i++) {
            assertThat(index.add("t", false, "s" + i)).isEqualTo(i == 0);
            assertThat(index.add("p.*", true, "s" + i)).isEqualTo(i == 0);
        }
        List<String> seen = new ArrayList<>();
        assertThat(index.forEachMatch("t", seen::add)).isEqualTo(many);
        assertThat(index.forEachMatch("p.x", seen::add)).isEqualTo(many);
        assertThat(seen).hasSize(2 * many);
        assertThat(index.patternSubscriptionCount()).isEqualTo(many);
        for (int i = 0; i < many; i++) {
            assertThat(index.remove("t", false, "s" + i)).isEqualTo(i == many - 1);
            assertThat(index.remove("p.*", true, "s" + i)).isEqualTo(i == many - 1);
        }
        assertThat(index.exactTopicCount()).isZero();
        assertThat(index.patternSubscriptionCount()).isZero();
    }
}
