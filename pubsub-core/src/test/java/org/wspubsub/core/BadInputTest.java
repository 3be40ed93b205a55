package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wspubsub.core.testing.Canary;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/** Bad frames cost the sender an error frame (or, for the limits, its connection) and nobody else anything. */
class BadInputTest {

    private WebSocketService service;
    private Canary bystander;

    @BeforeEach
    void start() {
        service = TestServers.builder().maxPayloadSize(4096).maxSubscriptionsPerConnection(100).build().start();
        bystander = Canary.join(service);
    }

    @AfterEach
    void stop() {
        bystander.close();
        service.stop();
    }

    private void bystanderStillServed() throws Exception {
        bystander.assertStillServed();
    }

    private JsonNode errorFor(String frame) {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(frame);
            JsonNode error = client.next("error");
            client.send(Map.of("type", "ping"));
            client.next("pong");
            return error;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"type\":", "[1,2]", "\"text\"", "42", "null", "{\"type\":\"ping\"} junk"})
    void answersUnparseableOrNonObjectFramesWithBadRequestWithoutId(String frame) throws Exception {
        JsonNode error = errorFor(frame);
        assertThat(error.path("code").asText()).isEqualTo("bad_request");
        assertThat(error.has("id")).isFalse();
        assertThat(error.path("message").asText()).isNotBlank();
        bystanderStillServed();
    }

    @Test
    void echoesTheIdWhenItCouldBeRead() {
        JsonNode missingType = errorFor("{\"id\":5}");
        assertThat(missingType.path("code").asText()).isEqualTo("bad_request");
        assertThat(missingType.path("id").asInt()).isEqualTo(5);
        JsonNode numericType = errorFor("{\"id\":\"x\",\"type\":3}");
        assertThat(numericType.path("id").asText()).isEqualTo("x");
        JsonNode objectId = errorFor("{\"id\":{\"a\":1},\"type\":\"ping\"}");
        assertThat(objectId.path("code").asText()).isEqualTo("bad_request");
        assertThat(objectId.has("id")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"subscribe\",\"id\":1,\"topics\":5}",
            "{\"type\":\"subscribe\",\"id\":1,\"topics\":[1,2]}",
            "{\"type\":\"subscribe\",\"id\":1,\"topics\":[]}",
            "{\"type\":\"subscribe\",\"id\":1}",
            "{\"type\":\"subscribe\",\"id\":1,\"topic\":7}",
            "{\"type\":\"unsubscribe\",\"id\":1,\"topics\":\"a\"}",
            "{\"type\":\"publish\",\"id\":1,\"data\":1}",
            "{\"type\":\"publish\",\"id\":1,\"topic\":[\"a\"]}",
            "{\"type\":\"publish\",\"id\":1,\"topic\":\"a\",\"event\":5}",
            "{\"type\":\"auth\",\"id\":1}",
            "{\"type\":\"auth\",\"id\":1,\"token\":5}"})
    void answersWrongFieldTypesWithBadRequest(String frame) throws Exception {
        JsonNode error = errorFor(frame);
        assertThat(error.path("code").asText()).isEqualTo("bad_request");
        assertThat(error.path("id").asInt()).isEqualTo(1);
        bystanderStillServed();
    }

    @Test
    void answersUnknownTypesWithUnknownType() throws Exception {
        JsonNode error = errorFor("{\"type\":\"teleport\",\"id\":\"u\"}");
        assertThat(error.path("code").asText()).isEqualTo("unknown_type");
        assertThat(error.path("id").asText()).isEqualTo("u");
        bystanderStillServed();
    }

    @Test
    void refusesDeeplyNestedJsonWithBadRequest() throws Exception {
        String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertThat(errorFor(deep).path("code").asText()).isEqualTo("bad_request");
        bystanderStillServed();
    }

    @Test
    void refusesHugeNumbersWithBadRequest() throws Exception {
        String frame = "{\"type\":\"ping\",\"x\":" + "9".repeat(1000) + "}";
        assertThat(errorFor(frame).path("code").asText()).isEqualTo("bad_request");
        String decimal = "{\"type\":\"ping\",\"x\":1." + "1".repeat(500) + "e999999999}";
        assertThat(errorFor(decimal).path("code").asText()).isEqualTo("bad_request");
        bystanderStillServed();
    }

    @Test
    void answersTenThousandTopicsInOneSubscribeWithLimitExceeded() throws Exception {
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            topics.add("t." + i);
        }
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            // this service caps connections at 100 subscriptions: 101 topics in one request is over it
            client.send(Map.of("type", "subscribe", "id", 1, "topics", topics.subList(0, 101)));
            JsonNode error = client.next("error");
            assertThat(error.path("code").asText()).isEqualTo("limit_exceeded");
            assertThat(error.path("id").asInt()).isEqualTo(1);
            assertThat(client.framesBeforePong()).isEmpty();
        }
        // 10,000 topics need a frame bigger than this service's 4 KiB payload limit: use the defaults
        try (WebSocketService big = TestServers.builder().build().start();
             TestClient client = TestClient.connect(TestServers.uri(big))) {
            client.send(Map.of("type", "subscribe", "id", 2, "topics", topics));
            JsonNode error = client.next("error");
            assertThat(error.path("code").asText()).isEqualTo("limit_exceeded");
            assertThat(client.framesBeforePong()).isEmpty();
            assertThat(big.runtime().hub().index().exactTopicCount()).isZero();
        }
        bystanderStillServed();
    }

    @Test
    void refusesTopicsPastThePerConnectionLimitOneByOne() {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            List<String> first = new ArrayList<>();
            for (int i = 0; i < 99; i++) {
                first.add("a." + i);
            }
            client.send(Map.of("type", "subscribe", "topics", first));
            assertThat(client.next("subscribed").path("topics")).hasSize(99);
            client.send(Map.of("type", "subscribe", "id", 3, "topics", List.of("b.1", "b.2")));
            JsonNode error = client.next("error");
            assertThat(error.path("code").asText()).isEqualTo("limit_exceeded");
            assertThat(error.path("topic").asText()).isEqualTo("b.2");
            assertThat(client.next("subscribed").path("topics")).extracting(JsonNode::asText).containsExactly("b.1");
        }
    }

    @Test
    void closesWith1003OnABinaryFrame() throws Exception {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.awaitClose()).isEqualTo(1003);
        }
        bystanderStillServed();
    }

    @Test
    void closesWith1009OnAFrameOverMaxPayloadSize() throws Exception {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(4096) + "\"}");
            assertThat(client.awaitClose()).isEqualTo(1009);
        }
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            // 1,400 three-byte characters: under the limit in characters, over it in bytes
            client.send("{\"type\":\"ping\",\"pad\":\"" + "\u20ac".repeat(1400) + "\"}");
            assertThat(client.awaitClose()).isEqualTo(1009);
        }
        bystanderStillServed();
    }

    @Test
    void acceptsAFrameJustUnderTheLimit() {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            String frame = "{\"type\":\"ping\",\"id\":1,\"pad\":\"";
            client.send(frame + "x".repeat(4096 - frame.length() - 2) + "\"}");
            assertThat(client.next("pong").path("id").asInt()).isEqualTo(1);
        }
    }
}
