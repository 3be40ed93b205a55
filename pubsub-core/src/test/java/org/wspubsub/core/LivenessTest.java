package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

class LivenessTest {

    private WebSocketService service;

    @BeforeEach
    void start() {
        service = TestServers.builder()
                .pingInterval(Duration.ofMillis(200))
                .pingTimeout(Duration.ofMillis(300))
                .build().start();
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    @Test
    void answersTheApplicationPingWithPongEchoingTheId() {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(Map.of("type", "ping", "id", 11));
            assertThat(client.next("pong").path("id").asInt()).isEqualTo(11);
        }
    }

    @Test
    void closesWith4000AConnectionThatNeverAnswersPings() throws Exception {
        try (RawWebSocket silent = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0)) {
            long start = System.nanoTime();
            int code = silent.readUntilClose();
            assertThat(code).isEqualTo(4000);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void keepsAConnectionThatAnswersPingsOpenAcrossManyRounds() {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !client.isClosed());
            client.send(Map.of("type", "ping"));
            client.next("pong");
        }
    }

    @Test
    void countsAnyFrameAsALifeSign() throws Exception {
        try (RawWebSocket chatty = RawWebSocket.connect("127.0.0.1", service.port(), "/ws", 0)) {
            long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            int pongs = 0;
            while (System.nanoTime() < end) {
                chatty.sendText("{\"type\":\"ping\"}");
                RawWebSocket.Frame frame = chatty.readFrame();
                assertThat(frame.opcode()).as("frame %s", frame.text()).isIn(0x1, 0x9);
                if (frame.opcode() == 0x1) {
                    pongs++;
                }
            }
            assertThat(pongs).isPositive();
        }
    }
}
