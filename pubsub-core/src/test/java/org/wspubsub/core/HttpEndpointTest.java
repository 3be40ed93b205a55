package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.http.HttpResponse;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/** Plain HTTP endpoints share the WebSocket port. */
class HttpEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private WebSocketService service;

    @BeforeEach
    void start() {
        WebSocketService[] self = new WebSocketService[1];
        service = TestServers.builder()
                .maxPayloadSize(1024)
                .callbackTimeout(Duration.ofMillis(500))
                .httpEndpoint("/health", request -> CompletableFuture.completedFuture(
                        HttpResponse.json(200, "{\"status\":\"ok\",\"connections\":" + self[0].connectionCount() + "}")))
                .httpEndpoint("/echo", request -> CompletableFuture.completedFuture(
                        HttpResponse.text(201, "text/plain", request.method() + " " + request.bodyAsString()
                                + " " + request.queryParameter("q").orElse("-") + " "
                                + request.header("X-Test").orElse("-")).withHeader("X-Answer", "yes")))
                .httpEndpoint("/broken", request -> {
                    throw new IllegalStateException("handler bug");
                })
                .httpEndpoint("/slow", request -> new CompletableFuture<>())
                .build().start();
        self[0] = service;
    }

    @AfterEach
    void stop() {
        service.stop();
    }

    private java.net.http.HttpResponse<String> get(String path) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .build(), BodyHandlers.ofString());
    }

    @Test
    void servesAnEndpointOnTheWebSocketPortWithLiveState() throws Exception {
        try (TestClient client = TestClient.connect(TestServers.uri(service))) {
            client.send(java.util.Map.of("type", "ping"));
            client.next("pong");
            java.net.http.HttpResponse<String> health = get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\",\"connections\":1}");
        }
    }

    @Test
    void passesMethodBodyQueryAndHeadersAndReturnsStatusAndHeaders() throws Exception {
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/echo?q=1"))
                .header("X-Test", "t").POST(BodyPublishers.ofString("hello")).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("POST hello 1 t");
        assertThat(response.headers().firstValue("x-answer")).contains("yes");
    }

    @Test
    void readsChunkedBodiesOverHttp11() throws Exception {
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var response = http11.send(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/echo"))
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream("chunked".getBytes())))
                .build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).startsWith("POST chunked ");
    }

    @Test
    void refusesBodiesOverMaxPayloadSize() throws Exception {
        var response = http.send(java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/echo"))
                .POST(BodyPublishers.ofString("x".repeat(2048))).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void answers500ForAThrowingHandlerAnd503ForAHangingOne() throws Exception {
        assertThat(get("/broken").statusCode()).isEqualTo(500);
        assertThat(get("/slow").statusCode()).isEqualTo(503);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void answers404ForUnknownPaths() throws Exception {
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }
}
