package org.wspubsub.core.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.MetricsListener;

/** The metrics dispatcher's contract: order, a bound that drops and counts, hooks that throw, shutdown. */
class MetricsDispatcherTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final MetricsListener recording = new MetricsListener() {
        @Override
        public void onPublish(String topic, boolean fromThisNode) {
            if (topic.equals("throws")) {
                throw new IllegalStateException("a broken hook");
            }
            seen.add(topic);
        }
    };

    @Test
    void runsEventsInTheOrderTheyWereReportedAndGoesOnAfterAHookThatThrows() {
        MetricsDispatcher dispatcher = new MetricsDispatcher(recording, 100, false);
        dispatcher.onPublish("a", true);
        dispatcher.onPublish("throws", true);
        dispatcher.onPublish("b", true);
        assertThat(seen).as("nothing runs on the reporting thread").isEmpty();

        dispatcher.runWaiting();

        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void dropsAndCountsWhatIsReportedBeyondTheBound() {
        MetricsDispatcher dispatcher = new MetricsDispatcher(recording, 2, false);
        dispatcher.onPublish("a", true);
        dispatcher.onPublish("b", true);
        dispatcher.onPublish("c", true);

        dispatcher.runWaiting();
        dispatcher.onPublish("d", true);
        dispatcher.runWaiting();

        assertThat(seen).containsExactly("a", "b", "d");
        assertThat(dispatcher.dropped()).isOne();
    }

    @Test
    void itsThreadRunsEveryEventReportedBeforeShutdownAndDropsLaterOnes() {
        MetricsDispatcher dispatcher = new MetricsDispatcher(recording);
        for (int i = 0; i < 1_000; i++) {
            dispatcher.onPublish("t" + i, true);
        }
        await().until(() -> seen.size() == 1_000);
        dispatcher.onPublish("after a pause", true); // the thread sleeps by now, or dozes: it must wake
        await().until(() -> seen.size() == 1_001);

        dispatcher.onPublish("last", true);
        dispatcher.shutdown();
        dispatcher.onPublish("too late", true);

        assertThat(seen).endsWith("after a pause", "last").doesNotContain("too late");
        assertThat(seen.get(0)).isEqualTo("t0");
        assertThat(seen.get(999)).isEqualTo("t999");
    }

    @Test
    void doesNothingForTheNoneListener() {
        MetricsDispatcher dispatcher = new MetricsDispatcher(MetricsListener.NONE);
        dispatcher.onPublish("a", true);
        dispatcher.shutdown();
        assertThat(dispatcher.dropped()).isZero();
    }
}
