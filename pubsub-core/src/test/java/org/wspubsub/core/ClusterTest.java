package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wspubsub.core.testing.TestClient.subscriber;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.adapter.inmemory.InMemoryAdapter;
import org.wspubsub.adapter.inmemory.InMemoryBroker;
import org.wspubsub.core.testing.RecordingMetrics;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/** Two services sharing one in-memory broker behave as two nodes of a cluster. */
class ClusterTest {

    private final InMemoryBroker broker = new InMemoryBroker();
    private final RecordingMetrics metricsA = new RecordingMetrics();
    private final RecordingMetrics metricsB = new RecordingMetrics();
    private WebSocketService nodeA;
    private WebSocketService nodeB;

    @BeforeEach
    void start() {
        nodeA = TestServers.builder().nodeId("a").adapter(InMemoryAdapter.create(broker)).metrics(metricsA)
                .authorizePublish((topic, connection) -> CompletableFuture.completedFuture(true))
                .build().start();
        nodeB = TestServers.builder().nodeId("b").adapter(InMemoryAdapter.create(broker)).metrics(metricsB)
                .build().start();
    }

    @AfterEach
    void stop() {
        nodeA.stop();
        nodeB.stop();
    }

    @Test
    void deliversAHostPublicationOnEveryNodeExactlyOnce() throws Exception {
        try (TestClient onA = subscriber(nodeA, "room.1");
             TestClient onB = subscriber(nodeB, "room.*")) {
            nodeA.publish("room.1", Map.of("type", "chat", "text", "hi")).toCompletableFuture().get();
            assertThat(onA.next("chat").path("text").asText()).isEqualTo("hi");
            assertThat(onB.next("chat").path("text").asText()).isEqualTo("hi");
            assertThat(onA.framesBeforePong()).isEmpty();
            assertThat(onB.framesBeforePong()).isEmpty();
        }
    }

    @Test
    void deliversAClientPublicationOnOtherNodes() {
        try (TestClient onB = subscriber(nodeB, "room.1.typing");
             TestClient publisher = TestClient.connect(TestServers.uri(nodeA))) {
            publisher.send(Map.of("type", "publish", "topic", "room.1.typing", "event", "typing", "data", 1));
            publisher.next("published");
            assertThat(onB.next("typing").path("data").asInt()).isEqualTo(1);
        }
    }

    @Test
    void subscribesAtTheBrokerOncePerTopicAndUnsubscribesWithTheLastLocalSubscriber() throws Exception {
        TestClient first = subscriber(nodeB, "news");
        TestClient second = subscriber(nodeB, "news");
        nodeA.publish("news", Map.of("n", 1)).toCompletableFuture().get();
        first.next("message");
        second.next("message");
        first.close();
        await().until(() -> nodeB.runtime().hub().index().exactTopicCount() == 1);
        nodeA.publish("news", Map.of("n", 2)).toCompletableFuture().get();
        assertThat(second.next("message").path("data").path("n").asInt()).isEqualTo(2);
        second.close();
        await().until(() -> nodeB.runtime().hub().index().exactTopicCount() == 0);
        long remoteBefore = metricsB.events.stream().filter(e -> e.equals("publish:news:remote")).count();
        nodeA.publish("news", Map.of("n", 3)).toCompletableFuture().get();
        try (TestClient marker = subscriber(nodeB, "marker")) {
            nodeA.publish("marker", Map.of()).toCompletableFuture().get();
            marker.next("message");
        }
        assertThat(metricsB.events.stream().filter(e -> e.equals("publish:news:remote")).count())
                .as("node b no longer receives a topic none of its connections holds").isEqualTo(remoteBefore);
    }
}
