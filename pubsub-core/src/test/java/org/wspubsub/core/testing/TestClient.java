package org.wspubsub.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.wspubsub.core.WebSocketService;

/**
 * A real WebSocket client (the JDK's {@code java.net.http.WebSocket}) that records every frame it
 * receives into a queue, for tests that assert by polling with a timeout and never sleep.
 * Thread-safe: the JDK calls the listener on its own threads.
 */
public final class TestClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile String closeReason;
    private final WebSocket socket;
    private final boolean autoRead;

    private TestClient(URI uri, Map<String, String> headers, boolean autoRead) {
        this.autoRead = autoRead;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            this.socket = builder.buildAsync(uri, new Recorder()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new HandshakeFailed(uri, e);
        }
    }

    /** Connects to {@code uri}; throws {@link HandshakeFailed} when the upgrade is refused. */
    public static TestClient connect(URI uri) {
        return new TestClient(uri, Map.of(), true);
    }

    public static TestClient connect(URI uri, Map<String, String> headers) {
        return new TestClient(uri, headers, true);
    }

    /** Connects but never asks for a frame: the server's writes back up, like a client that stopped reading. */
    public static TestClient connectWithoutReading(URI uri) {
        return new TestClient(uri, Map.of(), false);
    }

    /** The HTTP status of a refused upgrade, or -1 when it was accepted. */
    public static int handshakeStatus(URI uri, Map<String, String> headers) {
        try (TestClient ignored = connect(uri, headers)) {
            return -1;
        } catch (HandshakeFailed e) {
            return e.status();
        }
    }

    public TestClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public TestClient send(Map<String, ?> frame) {
        try {
            return send(JSON.writeValueAsString(frame));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * A subscriber, the way most tests need one: connects to {@code service}'s endpoint, subscribes
     * to {@code topics} and waits for the {@code subscribed} reply, failing the test unless every
     * topic was granted.
     */
    public static TestClient subscriber(WebSocketService service, String... topics) {
        return subscriber(TestServers.uri(service), null, topics);
    }

    /**
     * {@link #subscriber(WebSocketService, String...)} on {@code uri}, first authenticating with an
     * {@code auth} frame carrying {@code token} (and waiting for {@code auth.success}) unless it is null.
     */
    public static TestClient subscriber(URI uri, String token, String... topics) {
        TestClient client = connect(uri);
        try {
            if (token != null) {
                client.send(Map.of("type", "auth", "token", token));
                client.next("auth.success");
            }
            List<String> granted = new ArrayList<>();
            client.subscribeAndReply(topics).path("topics").forEach(topic -> granted.add(topic.asText()));
            assertThat(granted).as("topics granted to a subscriber").containsExactlyInAnyOrder(topics);
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** Subscribes to {@code topics} and waits for the {@code subscribed} reply. */
    public TestClient subscribe(String... topics) {
        subscribeAndReply(topics);
        return this;
    }

    private JsonNode subscribeAndReply(String... topics) {
        send(Map.of("type", "subscribe", "topics", List.of(topics)));
        return next("subscribed");
    }

    public TestClient sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    /** The next frame received, failing the test when none arrives in time. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                fail("no frame within " + TIMEOUT + " (closed: " + closeCode.getNow(null) + ")");
            }
            return frame;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next frame, which must have {@code type}. */
    public JsonNode next(String type) {
        JsonNode frame = next();
        assertThat(frame.path("type").asText()).as("type of %s", frame).isEqualTo(type);
        return frame;
    }

    /** Frames until one matches; the skipped ones are returned through {@code skipped} when not null. */
    public JsonNode nextMatching(Predicate<JsonNode> match, List<JsonNode> skipped) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = next();
            if (match.test(frame)) {
                return frame;
            }
            if (skipped != null) {
                skipped.add(frame);
            }
        }
        return fail("no matching frame within " + TIMEOUT);
    }

    /**
     * Sends an app-level ping with a fresh id and returns every frame received before its pong:
     * a way to assert that nothing else arrived, without sleeping.
     */
    public List<JsonNode> framesBeforePong() {
        String marker = "marker-" + System.nanoTime();
        send(Map.of("type", "ping", "id", marker));
        List<JsonNode> before = new ArrayList<>();
        nextMatching(f -> f.path("type").asText().equals("pong") && f.path("id").asText().equals(marker), before);
        return before;
    }

    /** Whether no frame has arrived that was not read yet (does not wait). */
    public boolean hasNothingUnread() {
        return frames.isEmpty();
    }

    /** The close code the server sent, waiting for it. */
    public int awaitClose() {
        try {
            return closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            return fail("connection was not closed within " + TIMEOUT);
        }
    }

    public String closeReason() {
        return closeReason;
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Starts reading (for a client created with {@link #connectWithoutReading}). */
    public void startReading() {
        socket.request(Long.MAX_VALUE);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already gone
            }
        }
        socket.abort();
    }

    private final class Recorder implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            if (autoRead) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    frames.add(JSON.getNodeFactory().textNode("unparseable: " + partial));
                }
                partial.setLength(0);
            }
            if (autoRead) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            frames.add(JSON.getNodeFactory().textNode("unexpected binary frame"));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }

    /** The upgrade was refused or failed. */
    public static final class HandshakeFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandshakeFailed(URI uri, Throwable cause) {
            super("handshake with " + uri + " failed", cause);
        }

        /** The HTTP status of the refusal, or -1 when there was none (connection reset, timeout). */
        public int status() {
            Throwable t = getCause();
            while (t != null) {
                if (t instanceof java.net.http.WebSocketHandshakeException h) {
                    return h.getResponse().statusCode();
                }
                t = t.getCause();
            }
            return -1;
        }
    }
}
