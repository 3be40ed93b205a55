package org.wspubsub.api.adapter.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.adapter.AdapterContext;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerMessage;

/**
 * The contract every {@link BrokerAdapter} must pass. Extend it in the adapter's own tests and
 * implement {@link #newAdapter()} so that every adapter it returns within one test reaches the
 * same broker (a shared in-memory broker, one Redis server, …).
 *
 * <p>Each test builds a small cluster of nodes, each node one adapter with its own
 * {@link RecordingBrokerListener}, and checks one clause of the SPI's contract: delivery across
 * nodes, interest-based routing, wildcards, once-per-node delivery, order per publisher, no echo to
 * the publisher, state and close semantics.
 *
 * <p>Order is only promised per publisher and topic, so publications on different topics are
 * compared as sets (a sharded broker may deliver them in either order). That something was
 * <em>not</em> delivered is checked with a marker published afterwards: once the marker arrived,
 * the unwanted publication must not have.
 */
public abstract class BrokerAdapterContractTest {

    /** How long a delivery may take; generous for a real broker on a busy machine. */
    protected static final Duration DELIVERY = Duration.ofSeconds(10);

    private final List<BrokerAdapter> started = new ArrayList<>();

    /** A new, unstarted adapter connected to the broker shared by this test. */
    protected abstract BrokerAdapter newAdapter() throws Exception;

    /** A started node. */
    protected final Node node(String nodeId) throws Exception {
        BrokerAdapter adapter = newAdapter();
        RecordingBrokerListener listener = new RecordingBrokerListener();
        adapter.start(new AdapterContext(nodeId, listener)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        started.add(adapter);
        return new Node(nodeId, adapter, listener);
    }

    @AfterEach
    void closeAdapters() throws Exception {
        for (BrokerAdapter adapter : started) {
            adapter.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        started.clear();
    }

    @Test
    void isUpAfterStart() throws Exception {
        Node a = node("a");
        assertThat(a.adapter.state()).isEqualTo(AdapterState.UP);
    }

    @Test
    void deliversAPublicationToAnotherNodeWithInterest() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.subscribe("room.1");

        b.publish("room.1", "{\"n\":1}");

        await().atMost(DELIVERY).until(() -> a.listener.messages().size() == 1);
        BrokerMessage got = a.listener.messages().get(0);
        assertThat(got.topic()).isEqualTo("room.1");
        assertThat(new String(got.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
        assertThat(got.originNodeId()).isEqualTo("b");
    }

    @Test
    void deliversNothingToANodeWithoutInterest() throws Exception {
        Node a = node("a");
        Node b = node("b");
        Node c = node("c");
        a.subscribe("marker");
        c.subscribe("room.1");
        c.subscribe("marker");

        b.publish("room.1", "r");
        b.publish("marker", "m");

        await().atMost(DELIVERY).until(() -> c.listener.payloads().containsAll(List.of("r", "m")));
        assertThat(c.listener.payloads()).containsExactlyInAnyOrder("r", "m");
        await().atMost(DELIVERY).until(() -> a.listener.payloads().contains("m"));
        assertThat(a.listener.payloads()).containsExactly("m");
    }

    @Test
    void stopsDeliveringAfterUnsubscribe() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.subscribe("room.1");
        a.subscribe("marker");
        b.publish("room.1", "before");
        await().atMost(DELIVERY).until(() -> a.listener.payloads().contains("before"));

        a.unsubscribe("room.1");
        b.publish("room.1", "after");
        b.publish("marker", "m");

        await().atMost(DELIVERY).until(() -> a.listener.payloads().contains("m"));
        assertThat(a.listener.payloads()).containsExactly("before", "m");
    }

    @Test
    void subscribeIsASetOperationNotACounter() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.subscribe("room.1");
        a.subscribe("room.1");
        a.subscribe("marker");
        a.unsubscribe("room.1");

        b.publish("room.1", "r");
        b.publish("marker", "m");

        await().atMost(DELIVERY).until(() -> a.listener.payloads().contains("m"));
        assertThat(a.listener.payloads()).containsExactly("m");
    }

    @Test
    void routesSingleSegmentWildcards() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.subscribe("room.*.messages");
        a.subscribe("marker");

        b.publish("room.7.messages", "yes");
        b.publish("room.7.typing", "no1");
        b.publish("room.7.x.messages", "no2");
        b.publish("room.messages", "no3");
        b.publish("marker", "m");

        await().atMost(DELIVERY).until(() -> a.listener.payloads().containsAll(List.of("yes", "m")));
        assertThat(a.listener.payloads()).containsExactlyInAnyOrder("yes", "m");
    }

    @Test
    void routesTrailingMultiSegmentWildcards() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.subscribe("room.>");
        a.subscribe("marker");

        b.publish("room", "no");
        b.publish("room.7", "yes1");
        b.publish("room.7.messages", "yes2");
        b.publish("rooms.7", "no2");
        b.publish("marker", "m");

        await().atMost(DELIVERY).until(() -> a.listener.payloads().containsAll(List.of("yes1", "yes2", "m")));
        assertThat(a.listener.payloads()).containsExactlyInAnyOrder("yes1", "yes2", "m");
    }

    @Test
    void deliversOncePerNodeWhenSeveralInterestsMatch() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.subscribe("room.7.messages");
        a.subscribe("room.*.messages");
        a.subscribe("room.>");
        a.subscribe("marker");

        b.publish("room.7.messages", "once");
        b.publish("marker", "m");

        await().atMost(DELIVERY).until(() -> a.listener.payloads().containsAll(List.of("once", "m")));
        assertThat(a.listener.payloads()).containsExactlyInAnyOrder("once", "m");
    }

    @Test
    void keepsDeliveringThroughTheRemainingPatternWhenOverlappingPatternsComeAndGo() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.subscribe("room.*");
        a.subscribe("room.>");
        a.subscribe("marker");
        b.publish("room.7", "both");
        b.publish("marker", "m1");
        await().atMost(DELIVERY).until(() -> a.listener.payloads().containsAll(List.of("both", "m1")));
        assertThat(a.listener.payloads()).containsExactlyInAnyOrder("both", "m1");

        a.unsubscribe("room.>");
        b.publish("room.8", "star-only");
        b.publish("room.8.x", "gone");
        b.publish("marker", "m2");
        await().atMost(DELIVERY).until(() -> a.listener.payloads().containsAll(List.of("star-only", "m2")));

        a.unsubscribe("room.*");
        b.publish("room.9", "none");
        b.publish("marker", "m3");
        await().atMost(DELIVERY).until(() -> a.listener.payloads().contains("m3"));
        assertThat(a.listener.payloads()).containsExactlyInAnyOrder("both", "m1", "star-only", "m2", "m3");
    }

    @Test
    void keepsPublishOrderPerPublisherAndTopic() throws Exception {
        Node a = node("a");
        Node b = node("b");
        Node c = node("c");
        a.subscribe("seq");
        int count = 500;
        List<String> fromB = new ArrayList<>();
        List<String> fromC = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fromB.add("b" + i);
            fromC.add("c" + i);
            b.publishNoWait("seq", "b" + i);
            c.publishNoWait("seq", "c" + i);
        }

        await().atMost(DELIVERY).until(() -> a.listener.messages().size() == 2 * count);
        List<String> seenB = new ArrayList<>();
        List<String> seenC = new ArrayList<>();
        for (BrokerMessage m : a.listener.messages()) {
            (m.originNodeId().equals("b") ? seenB : seenC).add(new String(m.payload(), StandardCharsets.UTF_8));
        }
        assertThat(seenB).containsExactlyElementsOf(fromB);
        assertThat(seenC).containsExactlyElementsOf(fromC);
    }

    @Test
    void neverDeliversAPublicationBackToItsPublisher() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.subscribe("room.1");
        b.subscribe("room.1");

        a.publish("room.1", "from-a");
        b.publish("room.1", "from-b");

        await().atMost(DELIVERY).until(() -> b.listener.payloads().contains("from-a"));
        await().atMost(DELIVERY).until(() -> a.listener.payloads().contains("from-b"));
        assertThat(a.listener.payloads()).containsExactly("from-b");
        assertThat(b.listener.payloads()).containsExactly("from-a");
    }

    @Test
    void publishWithoutAnyInterestedNodeSucceeds() throws Exception {
        Node a = node("a");
        node("b");
        a.publish("nobody.listens", "x");
    }

    @Test
    void closeIsIdempotentAndStopsEverything() throws Exception {
        Node a = node("a");
        Node b = node("b");
        a.subscribe("room.1");
        a.adapter.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        a.adapter.close().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(a.adapter.state()).isEqualTo(AdapterState.CLOSED);
        assertThatThrownBy(() -> a.adapter.publish(BrokerMessage.of("room.1", new byte[] {1}, "a"))
                        .toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);

        Node c = node("c");
        c.subscribe("room.1");
        b.publish("room.1", "after-close");
        await().atMost(DELIVERY).until(() -> c.listener.payloads().contains("after-close"));
        assertThat(a.listener.messages()).isEmpty();
    }

    /** One node of the test cluster: its adapter and what it received. */
    protected static final class Node {
        public final String id;
        public final BrokerAdapter adapter;
        public final RecordingBrokerListener listener;

        Node(String id, BrokerAdapter adapter, RecordingBrokerListener listener) {
            this.id = id;
            this.adapter = adapter;
            this.listener = listener;
        }

        public void subscribe(String topic) throws Exception {
            adapter.subscribe(topic).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        public void unsubscribe(String topic) throws Exception {
            adapter.unsubscribe(topic).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        public void publish(String topic, String payload) throws Exception {
            publishNoWait(topic, payload).get(10, TimeUnit.SECONDS);
        }

        public java.util.concurrent.CompletableFuture<Void> publishNoWait(String topic, String payload) {
            return adapter.publish(BrokerMessage.of(topic, payload.getBytes(StandardCharsets.UTF_8), id))
                    .toCompletableFuture();
        }
    }
}
