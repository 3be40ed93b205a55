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
import org.wspubsub.core.WebSocketService;

/**
 * A minimal runnable server on the in-memory adapter: anyone may connect, a token (any non-empty
 * string) becomes the user id, clients may subscribe to anything, and a clock publishes to
 * {@code system.clock} every second.
 *
 * <p>Environment: {@code PORT} (default 8080), {@code HOST} (default 127.0.0.1). Try it with any
 * WebSocket client: connect to {@code ws://127.0.0.1:8080/ws?token=alice} and send
 * {@code {"type":"subscribe","topics":["system.clock"]}}.
 */
public final class ExampleServer {

    private static final Logger log = LoggerFactory.getLogger(ExampleServer.class);

    private ExampleServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        Running running = start(host, port);
        log.info("example server listening on ws://{}:{}/ws", host, running.service().port());
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

    /** Starts the server and a clock that publishes {@code tick} to {@code system.clock} every second. */
    public static Running start(String host, int port) {
        WebSocketService service = WebSocketService.builder()
                .host(host)
                .port(port)
                .authenticator((token, request) -> CompletableFuture.completedFuture(
                        token.isBlank() ? Optional.empty() : Optional.of(ConnectionContext.of(token))))
                .build()
                .start();
        IWebSocketService ws = service;
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(() -> ws.publish("system.clock",
                        Map.of("type", "tick", "data", Map.of("at", Instant.now().toString()))),
                1, 1, TimeUnit.SECONDS);
        return new Running(service, clock);
    }
}
