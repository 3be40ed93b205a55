package org.wspubsub.examples;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.wspubsub.adapter.inmemory.InMemoryAdapter;
import org.wspubsub.adapter.redis.RedisAdapter;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.WebSocketServiceBuilder;
import org.wspubsub.core.http.HttpEndpoint;
import org.wspubsub.examples.auth.AccessRules;
import org.wspubsub.examples.auth.JwtTokens;
import org.wspubsub.examples.http.ChatEndpoint;
import org.wspubsub.examples.http.DevTokenEndpoint;
import org.wspubsub.examples.http.HealthEndpoint;
import org.wspubsub.examples.http.MetricsEndpoint;
import org.wspubsub.examples.http.PublishEndpoint;
import org.wspubsub.examples.http.StaticResources;
import org.wspubsub.examples.metrics.MicrometerMetrics;
import org.wspubsub.examples.service.NotificationService;

/**
 * The example server, wired in plain Java: HS256 JWT authentication, the seed's authorization
 * rules, Micrometer metrics, and on the same port {@code GET /health}, {@code GET /metrics},
 * {@code POST /publish}, {@code POST /chat}, the browser demo at {@code /} and, with the
 * development secret only, {@code POST /dev/token}.
 *
 * <p>Configuration comes from the environment (see {@link ExampleConfig}): {@code PORT},
 * {@code HOST}, {@code ADAPTER} ({@code inmemory} or {@code redis}), {@code REDIS_URL},
 * {@code JWT_SECRET}, {@code NODE_ID}.
 *
 * <p>The HTTP endpoints live in this example, not in the library: the library offers the
 * mechanism ({@code httpEndpoint(path, endpoint)}), while what a health check reports, which
 * metrics registry is used and who may publish over HTTP are the host's decisions.
 */
public final class ExampleServer {

    private static final Logger log = LoggerFactory.getLogger(ExampleServer.class);

    private ExampleServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        ExampleConfig config = ExampleConfig.fromEnvironment(System.getenv());
        if (config.developmentSecret()) {
            log.warn("**************************************************************************");
            log.warn("JWT_SECRET is not set: using the DEVELOPMENT secret, and POST /dev/token lets");
            log.warn("anyone mint tokens. Set JWT_SECRET before this server faces anything real.");
            log.warn("**************************************************************************");
        }
        Running running = start(config);
        log.info("example server {} ({} adapter) listening on http://{}:{}/ (WebSocket ws://{}:{}/ws)",
                running.service().nodeId(), running.service().adapter().name(), config.host(),
                running.service().port(), config.host(), running.service().port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.stop();
            stopped.countDown();
        }, "example-shutdown"));
        stopped.await();
    }

    /** A started example server and what it is made of. */
    public record Running(WebSocketService service, NotificationService notifications, JwtTokens tokens,
                          PrometheusMeterRegistry registry, ScheduledExecutorService clock) {
        public void stop() {
            clock.shutdownNow();
            service.stop();
            registry.close();
        }
    }

    /** Starts a server for {@code config} (port 0 picks a free one). */
    public static Running start(ExampleConfig config) {
        JwtTokens tokens = new JwtTokens(config.jwtSecret());
        AccessRules rules = new AccessRules();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The endpoints are configured before the service exists; they reach it through this reference.
        AtomicReference<WebSocketService> self = new AtomicReference<>();
        AtomicReference<NotificationService> notifications = new AtomicReference<>();
        MicrometerMetrics metrics = new MicrometerMetrics(registry);
        WebSocketServiceBuilder builder = WebSocketService.builder()
                .host(config.host())
                .port(config.port())
                .adapter(adapter(config))
                .perMessageDeflate(config.compression())
                .requireAuthentication(true)
                .authenticator((token, request) -> CompletableFuture.completedFuture(tokens.verify(token)))
                .authorizeSubscribe(rules)
                .authorizePublish(rules.publishing())
                .metrics(metrics)
                .httpEndpoint("/health", request -> new HealthEndpoint(self.get()).handle(request))
                .httpEndpoint("/metrics", new MetricsEndpoint(registry))
                .httpEndpoint("/publish", request -> new PublishEndpoint(self.get(), tokens).handle(request))
                .httpEndpoint("/chat", request -> new ChatEndpoint(notifications.get(), tokens).handle(request));
        HttpEndpoint files = new StaticResources();
        builder.httpEndpoint("/", files);
        StaticResources.FILES.keySet().forEach(path -> builder.httpEndpoint(path, files));
        if (config.developmentSecret()) {
            builder.httpEndpoint("/dev/token", new DevTokenEndpoint(tokens));
        }
        if (!config.nodeId().isBlank()) {
            builder.nodeId(config.nodeId());
        }
        WebSocketService service = builder.build();
        metrics.gaugeConnectionsOf(service);
        service.start();
        self.set(service);
        NotificationService notificationService = new NotificationService(service);
        notifications.set(notificationService);

        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "example-clock");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleAtFixedRate(() -> service.publish("system.clock",
                Map.of("type", "tick", "data", Map.of("at", Instant.now().toString()))), 5, 5, TimeUnit.SECONDS);
        return new Running(service, notificationService, tokens, registry, clock);
    }

    private static BrokerAdapter adapter(ExampleConfig config) {
        return config.adapter().equals("redis") ? RedisAdapter.create(config.redisUrl()) : InMemoryAdapter.create();
    }
}
