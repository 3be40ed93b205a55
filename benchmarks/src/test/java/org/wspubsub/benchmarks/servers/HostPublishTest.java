package org.wspubsub.benchmarks.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPublishTest {

    @Test
    void aCommandGoesOverTheLineAndBackUnchanged() {
        HostPublish command = new HostPublish(new PublishTopics("topic.", 2000), 500, 5000, 200, 1234);

        assertThat(command.line()).isEqualTo("publish topic. 2000 500 5000 200 1234");
        assertThat(HostPublish.parse(command.line())).isEqualTo(command);
        assertThat(HostPublish.parse("  publish bench 1 20 3000 200 0 ")).isEqualTo(
                new HostPublish(PublishTopics.single("bench"), 20, 3000, 200, 0));
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> HostPublish.parse("stats")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostPublish.parse("publish bench 1 20 3000 200")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostPublish.parse("publish bench 1 twenty 3000 200 0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostPublish.parse("publish bench 1 0 3000 200 0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostPublish.parse("publish bench 0 20 3000 200 0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PublishTopics("two words", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplyGoesOverTheLineAndBackUnchanged() {
        HostPublish.Outcome outcome = new HostPublish.Outcome(100, 2, 5_000_123_456L);

        assertThat(outcome.line()).isEqualTo("PUBLISHED 100 2 5000123456");
        assertThat(HostPublish.Outcome.parse(outcome.line())).isEqualTo(outcome);
        assertThatThrownBy(() -> HostPublish.Outcome.parse("STATS 1 2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicsAreOneOrSpreadBySequenceNumber() {
        assertThat(PublishTopics.single("bench").of(17)).isEqualTo("bench");
        PublishTopics spread = new PublishTopics("topic.", 3);
        assertThat(List.of(spread.of(0), spread.of(1), spread.of(2), spread.of(3), spread.of(3_000_000_001L)))
                .containsExactly("topic.0", "topic.1", "topic.2", "topic.0", "topic.1");
    }

    @Test
    void aRunPublishesConsecutiveSequenceNumbersAtAboutItsRate() {
        List<Long> seqs = new ArrayList<>();
        List<String> topics = new ArrayList<>();

        long published = new HostPublish(new PublishTopics("t.", 2), 200, 250, 200, 40).run((topic, seq, sent) -> {
            seqs.add(seq);
            topics.add(topic);
        });

        // never more than are due by the end (50 in 250 ms at 200 msg/s, plus the one due at once); fewer
        // only if the thread was descheduled across the end of the window, so no tighter lower bound on a busy host
        assertThat(published).isEqualTo(seqs.size()).isBetween(1L, 51L);
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(40 + i);
            assertThat(topics.get(i)).isEqualTo("t." + (40 + i) % 2);
        }
    }
}
