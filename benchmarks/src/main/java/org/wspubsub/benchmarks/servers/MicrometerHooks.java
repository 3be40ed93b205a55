package org.wspubsub.benchmarks.servers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.wspubsub.api.Connection;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.adapter.AdapterState;

/**
 * The production mode's metrics listener: records <em>every</em> hook of {@link MetricsListener}
 * into a Micrometer registry, as a host's binding would. Its meters and their bounded tags are the
 * examples module's {@code MicrometerMetrics} (the binding the documentation points hosts to), plus
 * the three hooks that binding leaves out (authentications, subscriptions granted and removed), so
 * that the bench server pays for every event the service reports. Kept here rather than depending on
 * the examples module, which would bring its Guice, JWT and Prometheus dependencies onto the bench
 * servers' class path and tie the benchmarks to a module of samples.
 *
 * <p>Called on the service's metrics thread; Micrometer meters are thread-safe.
 */
public final class MicrometerHooks implements MetricsListener {

    private static final Set<String> CLOSE_CODES = Set.of("1000", "1001", "1002", "1003", "1006", "1007", "1008",
            "1009", "1011", "1013", "4000", "4001", "4401", "4408", "4429");
    private static final Set<String> TYPES = Set.of("auth", "subscribe", "unsubscribe", "publish", "ping",
            "unknown", "invalid");
    private static final Set<String> ERROR_CODES = Set.of("bad_request", "unknown_type", "unauthorized",
            "forbidden", "invalid_topic", "rate_limited", "limit_exceeded", "internal_error");

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger adapterUp = new AtomicInteger();
    private final Counter opened;
    private final Counter authenticated;
    private final Counter authFailures;
    private final Counter deliveries;
    private final Counter subscribed;
    private final Counter unsubscribed;
    private final Counter slowConsumers;
    private final Counter callbackFailures;
    private final Counter adapterErrors;

    public MicrometerHooks(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("wspubsub.connections.active", active, AtomicInteger::get).register(registry);
        Gauge.builder("wspubsub.subscriptions.active", subscriptions, AtomicInteger::get).register(registry);
        Gauge.builder("wspubsub.adapter.up", adapterUp, AtomicInteger::get).register(registry);
        opened = Counter.builder("wspubsub.connections.opened").register(registry);
        authenticated = Counter.builder("wspubsub.auth.successes").register(registry);
        authFailures = Counter.builder("wspubsub.auth.failures").register(registry);
        deliveries = Counter.builder("wspubsub.deliveries").register(registry);
        subscribed = Counter.builder("wspubsub.subscriptions.granted").register(registry);
        unsubscribed = Counter.builder("wspubsub.subscriptions.removed").register(registry);
        slowConsumers = Counter.builder("wspubsub.slow.consumers").register(registry);
        callbackFailures = Counter.builder("wspubsub.callback.failures").register(registry);
        adapterErrors = Counter.builder("wspubsub.adapter.errors").register(registry);
    }

    private static String bounded(String value, Set<String> allowed) {
        return allowed.contains(value) ? value : "other";
    }

    @Override
    public void onConnection(Connection connection) {
        active.incrementAndGet();
        opened.increment();
    }

    @Override
    public void onAuthSuccess(Connection connection) {
        authenticated.increment();
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
    public void onDisconnect(Connection connection, int closeCode, String reason) {
        active.decrementAndGet();
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
    public void onSubscribe(Connection connection, String topic) {
        subscriptions.incrementAndGet();
        subscribed.increment();
    }

    @Override
    public void onUnsubscribe(Connection connection, String topic) {
        subscriptions.decrementAndGet();
        unsubscribed.increment();
    }

    @Override
    public void onSlowConsumer(Connection connection, long pendingBytes) {
        slowConsumers.increment();
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
    public void onAdapterStateChange(AdapterState previous, AdapterState current) {
        adapterUp.set(current == AdapterState.UP ? 1 : 0);
    }

    @Override
    public void onAdapterError(String description, Throwable error) {
        adapterErrors.increment();
    }

    /** A one-line summary of a few counters and the error frames by code, for the server's exit (shows the hooks were called). */
    public String summary() {
        StringBuilder errors = new StringBuilder();
        for (Counter counter : registry.find("wspubsub.errors").counters()) {
            errors.append(errors.length() == 0 ? "" : ", ").append(counter.getId().getTag("code")).append(' ')
                    .append((long) counter.count());
        }
        return String.format("metrics: %d connections opened, %d authenticated, %d subscriptions granted, %.0f deliveries, "
                        + "error frames: %s", (long) opened.count(), (long) authenticated.count(), (long) subscribed.count(),
                deliveries.count(), errors.length() == 0 ? "none" : errors);
    }
}
