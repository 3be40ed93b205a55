package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

class ShutdownTest {

    @Test
    void closesEveryConnectionWith1001AndReleasesThePort() throws Exception {
        WebSocketService service = TestServers.builder().shutdownDrainPeriod(Duration.ofMillis(300)).build().start();
        int port = service.port();
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(TestClient.connect(TestServers.uri(service)));
        }
        service.stop();
        for (TestClient client : clients) {
            assertThat(client.awaitClose()).isEqualTo(1001);
        }
        assertThat(service.isRunning()).isFalse();
        assertThat(service.adapterState()).isEqualTo(AdapterState.CLOSED);
        try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    /**
     * Repeated because the race it guards is timing-dependent: a round's frames, reserved before
     * {@code publish} returned, may still be on their way to a worker when {@code stop()} asks the
     * connection to flush and close.
     */
    @RepeatedTest(5)
    void deliversEveryAcknowledgedPublicationBeforeClosingWith1001() throws Exception {
        WebSocketService service = TestServers.builder().build().start();
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TestClient client = TestClient.connect(TestServers.uri(service));
            client.send(Map.of("type", "subscribe", "topics", List.of("last.words")));
            client.next("subscribed");
            clients.add(client);
        }
        String pad = "p".repeat(2_000);
        for (int n = 0; n < 200; n++) {
            service.publish("last.words", Map.of("n", n, "pad", pad)).toCompletableFuture().get();
        }
        service.stop();
        for (TestClient client : clients) {
            for (int n = 0; n < 200; n++) {
                assertThat(client.next("message").path("data").path("n").asInt()).isEqualTo(n);
            }
            assertThat(client.awaitClose()).isEqualTo(1001);
        }
    }

    @Test
    void isSafeToStopTwiceAndRefusesPublishesAfterwards() {
        WebSocketService service = TestServers.builder().build().start();
        service.stop();
        service.stop();
        service.close();
        assertThatThrownBy(() -> service.publish("t", Map.of()).toCompletableFuture().join())
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(service::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesPublishesBeforeStart() {
        WebSocketService service = TestServers.builder().build();
        assertThatThrownBy(() -> service.publish("t", Map.of()).toCompletableFuture().join())
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start()");
    }

    @Test
    void reportsAPortThatCannotBeBound() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            WebSocketService service = TestServers.builder().port(taken.getLocalPort()).build();
            assertThatThrownBy(service::start)
                    .isInstanceOf(org.wspubsub.api.PubSubException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void bindsOnlyTheConfiguredHost() throws Exception {
        try (WebSocketService service = TestServers.builder().host("127.0.0.2").build().start()) {
            try (TestClient client = TestClient.connect(java.net.URI.create("ws://127.0.0.2:" + service.port() + "/ws"))) {
                client.send(Map.of("type", "ping"));
                client.next("pong");
            }
            try (java.net.Socket refused = new java.net.Socket()) {
                assertThatThrownBy(() -> refused.connect(
                        new java.net.InetSocketAddress("127.0.0.1", service.port()), 2_000))
                        .isInstanceOf(java.net.ConnectException.class);
            }
        }
    }
}
