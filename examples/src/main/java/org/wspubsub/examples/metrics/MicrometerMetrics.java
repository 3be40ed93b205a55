package org.wspubsub.examples.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.wspubsub.api.Connection;
import org.wspubsub.api.IWebSocketService;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.adapter.AdapterState;

/**
 * A {@link MetricsListener} that records into a Micrometer {@link MeterRegistry}. Tags are
 * bounded: close codes, message types and error codes come from small fixed sets (anything else is
 * {@code other}); no topic or user tags.
 *
 * <p>Meters: {@code wspubsub.connections.active} (gauge of the service's {@code connectionCount()},
 * once {@link #gaugeConnectionsOf} was called), {@code wspubsub.connections.opened},
 * {@code wspubsub.connections.closed{code}}, {@code wspubsub.messages.received{type}},
 * {@code wspubsub.publications{origin=local|remote}}, {@code wspubsub.deliveries},
 * {@code wspubsub.slow.consumers}, {@code wspubsub.auth.failures},
 * {@code wspubsub.handshakes.refused{status}}, {@code wspubsub.errors{code}},
 * {@code wspubsub.callback.failures}, {@code wspubsub.adapter.errors}, {@code wspubsub.adapter.up}
 * (gauge, 1 or 0).
 *
 * <p>Called on the service's metrics thread; Micrometer meters are thread-safe.
 */
public final class MicrometerMetrics implements MetricsListener {

    private static final Set<String> CLOSE_CODES = Set.of("1000", "1001", "1002", "1003", "1006", "1007", "1008",
            "1009", "1011", "1013", "4000", "4001", "4401", "4408", "4429");
    private static final Set<String> TYPES = Set.of("auth", "subscribe", "unsubscribe", "publish", "ping",
            "unknown", "invalid");
    private static final Set<String> ERROR_CODES = Set.of("bad_request", "unknown_type", "unauthorized",
            "forbidden", "invalid_topic", "rate_limited", "limit_exceeded", "internal_error");

    private final MeterRegistry registry;
    /** The service whose connections the active gauge counts; null until {@link #gaugeConnectionsOf}. */
    private volatile IWebSocketService service;
    private final AtomicInteger adapterUp = new AtomicInteger();
    private final Counter opened;
    private final Counter deliveries;
    private final Counter slowConsumers;
    private final Counter authFailures;
    private final Counter callbackFailures;
    private final Counter adapterErrors;

    public MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("wspubsub.connections.active", this, MicrometerMetrics::activeConnections)
                .description("open WebSocket connections").register(registry);
        Gauge.builder("wspubsub.adapter.up", adapterUp, AtomicInteger::get)
                .description("1 while the broker adapter is up").register(registry);
        opened = Counter.builder("wspubsub.connections.opened").register(registry);
        deliveries = Counter.builder("wspubsub.deliveries").description("frames queued for connections")
                .register(registry);
        slowConsumers = Counter.builder("wspubsub.slow.consumers").register(registry);
        authFailures = Counter.builder("wspubsub.auth.failures").register(registry);
        callbackFailures = Counter.builder("wspubsub.callback.failures").register(registry);
        adapterErrors = Counter.builder("wspubsub.adapter.errors")
                .description("errors the broker adapter handles itself, such as a subscription it keeps retrying")
                .register(registry);
    }

    /**
     * Makes the {@code wspubsub.connections.active} gauge read {@code service}'s
     * {@link IWebSocketService#connectionCount()}, the registry the limits are checked against, rather
     * than a count kept from the hooks. Call it once the service is built (the listener is configured
     * before the service exists); until then the gauge reads 0.
     */
    public MicrometerMetrics gaugeConnectionsOf(IWebSocketService service) {
        this.service = java.util.Objects.requireNonNull(service, "service");
        return this;
    }

    private double activeConnections() {
        IWebSocketService watched = service;
        return watched == null ? 0 : watched.connectionCount();
    }

    private static String bounded(String value, Set<String> allowed) {
        return allowed.contains(value) ? value : "other";
    }

    @Override
    public void onConnection(Connection connection) {
        opened.increment();
    }

    @Override
    public void onDisconnect(Connection connection, int closeCode, String reason) {
        registry.counter("wspubsub.connections.closed", "code", bounded(String.valueOf(closeCode), CLOSE_CODES))
                .increment();
    }

    @Override
    public void onMessage(Connection connection, String type) {
        registry.counter("wspubsub.messages.received", "type", bounded(type, TYPES)).increment();
    }

    @Override
    public void onPublish(String topic, boolean fromThisNode) {
        registry.counter("wspubsub.publications", "origin", fromThisNode ? "local" : "remote").increment();
    }

    @Override
    public void onDeliver(String topic, int connections) {
        deliveries.increment(connections);
    }

    @Override
    public void onSlowConsumer(Connection connection, long pendingBytes) {
        slowConsumers.increment();
    }

    @Override
    public void onAuthFailure(String remoteAddress, String reason) {
        authFailures.increment();
    }

    @Override
    public void onHandshakeRefused(String remoteAddress, int httpStatus, String reason) {
        registry.counter("wspubsub.handshakes.refused", "status", String.valueOf(httpStatus)).increment();
    }

    @Override
    public void onError(Connection connection, String code) {
        registry.counter("wspubsub.errors", "code", bounded(code, ERROR_CODES)).increment();
    }

    @Override
    public void onCallbackFailure(String callback, Throwable error) {
        callbackFailures.increment();
    }

    @Override
    public void onAdapterError(String description, Throwable error) {
        adapterErrors.increment();
    }

    @Override
    public void onAdapterStateChange(AdapterState previous, AdapterState current) {
        adapterUp.set(current == AdapterState.UP ? 1 : 0);
    }
}
