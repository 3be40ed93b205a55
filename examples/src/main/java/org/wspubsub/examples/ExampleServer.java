package org.wspubsub.examples;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.IWebSocketService;
import org.wspubsub.adapter.inmemory.InMemoryAdapter;
import org.wspubsub.adapter.redis.RedisAdapter;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.WebSocketServiceBuilder;

/**
 * A minimal runnable server: anyone may connect, a token (any non-empty string) becomes the user
 * id, clients may subscribe to anything and publish to {@code room.*.typing}, and a clock
 * publishes to {@code system.clock} every second.
 *
 * <p>Environment: {@code PORT} (default 8080), {@code HOST} (default 127.0.0.1), {@code ADAPTER}
 * ({@code inmemory}, the default, or {@code redis}), {@code REDIS_URL} (default
 * {@code redis://127.0.0.1:6379}), {@code NODE_ID} (default random). Try it with any WebSocket
 * client: connect to {@code ws://127.0.0.1:8080/ws?token=alice} and send
 * {@code {"type":"subscribe","topics":["system.clock"]}}.
 */
public final class ExampleServer {

    private static final Logger log = LoggerFactory.getLogger(ExampleServer.class);

    private ExampleServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
        String host = env.getOrDefault("HOST", "127.0.0.1");
        Running running = start(host, port, adapterFrom(env), env.getOrDefault("NODE_ID", ""));
        log.info("example server {} listening on ws://{}:{}/ws with the {} adapter", running.service().nodeId(), host,
                running.service().port(), running.service().adapter().name());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            stopped.countDown();
        }, "example-shutdown"));
        stopped.await();
    }

    /** A started example server and its clock. */
    public record Running(WebSocketService service, ScheduledExecutorService clock) {
        public void stop() {
            clock.shutdownNow();
            service.stop();
        }
    }

    /** The adapter named by {@code ADAPTER}: {@code inmemory} (default) or {@code redis} at {@code REDIS_URL}. */
    static BrokerAdapter adapterFrom(Map<String, String> env) {
        String kind = env.getOrDefault("ADAPTER", "inmemory");
        switch (kind) {
            case "inmemory":
                return InMemoryAdapter.create();
            case "redis":
                return RedisAdapter.create(env.getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));
            default:
                throw new IllegalArgumentException("ADAPTER must be 'inmemory' or 'redis', got '" + kind + "'");
        }
    }

    /** Starts an in-memory server; see {@link #start(String, int, BrokerAdapter, String)}. */
    public static Running start(String host, int port) {
        return start(host, port, InMemoryAdapter.create(), "");
    }

    /** Starts the server and a clock that publishes {@code tick} to {@code system.clock} every second. */
    public static Running start(String host, int port, BrokerAdapter adapter, String nodeId) {
        WebSocketServiceBuilder builder = WebSocketService.builder()
                .host(host)
                .port(port)
                .adapter(adapter)
                .authenticator((token, request) -> CompletableFuture.completedFuture(
                        token.isBlank() ? Optional.empty() : Optional.of(ConnectionContext.of(token))))
                .authorizePublish((topic, connection) -> CompletableFuture.completedFuture(
                        topic.startsWith("room.") && topic.endsWith(".typing")));
        if (!nodeId.isBlank()) {
            builder.nodeId(nodeId);
        }
        WebSocketService service = builder.build().start();
        IWebSocketService ws = service;
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(() -> ws.publish("system.clock",
                        Map.of("type", "tick", "data", Map.of("at", Instant.now().toString()))),
                1, 1, TimeUnit.SECONDS);
        return new Running(service, clock);
    }
}
