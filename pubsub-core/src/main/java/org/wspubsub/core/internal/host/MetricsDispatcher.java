package org.wspubsub.core.internal.host;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.Connection;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.adapter.AdapterState;

/**
 * Calls the host's {@link MetricsListener} on one thread of its own, in event order, so hooks never
 * run on I/O or publishing threads. Events queue behind a slow hook up to a bound and are dropped
 * (counted, with a warning) beyond it; a hook that throws is logged and changes nothing else.
 * With {@link MetricsListener#NONE} it does nothing at all.
 *
 * <p>Thread-safe: called from every thread of the service.
 */
public final class MetricsDispatcher implements MetricsListener {

    private static final Logger log = LoggerFactory.getLogger(MetricsDispatcher.class);
    private static final int QUEUE_BOUND = 65_536;

    private final MetricsListener host;
    private final ThreadPoolExecutor executor;
    private final AtomicLong dropped = new AtomicLong();

    /** A dispatcher whose thread is named {@code wspubsub-metrics-1}. */
    public MetricsDispatcher(MetricsListener host) {
        this(host, "wspubsub-metrics");
    }

    /** A dispatcher whose thread is named {@code threadPrefix-1}. */
    public MetricsDispatcher(MetricsListener host, String threadPrefix) {
        this.host = host;
        if (host == MetricsListener.NONE) {
            this.executor = null;
        } else {
            this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(QUEUE_BOUND), NamedThreads.daemon(threadPrefix),
                    (task, pool) -> onDropped());
        }
    }

    private void onDropped() {
        long n = dropped.incrementAndGet();
        if (n == 1 || Long.bitCount(n) == 1) {
            log.warn("metrics listener is too slow: {} events dropped so far; keep hooks fast and non-blocking", n);
        }
    }

    private void dispatch(String hook, Runnable call) {
        if (executor == null) {
            return;
        }
        executor.execute(() -> {
            try {
                call.run();
            } catch (RuntimeException | Error e) {
                log.warn("metrics hook {} threw; ignoring it", hook, e);
            }
        });
    }

    /** Stops the metrics thread after the queued events ran. */
    public void shutdown() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void onConnection(Connection c) {
        dispatch("onConnection", () -> host.onConnection(c));
    }

    @Override
    public void onAuthSuccess(Connection c) {
        dispatch("onAuthSuccess", () -> host.onAuthSuccess(c));
    }

    @Override
    public void onAuthFailure(String remoteAddress, String reason) {
        dispatch("onAuthFailure", () -> host.onAuthFailure(remoteAddress, reason));
    }

    @Override
    public void onHandshakeRefused(String remoteAddress, int httpStatus, String reason) {
        dispatch("onHandshakeRefused", () -> host.onHandshakeRefused(remoteAddress, httpStatus, reason));
    }

    @Override
    public void onDisconnect(Connection c, int closeCode, String reason) {
        dispatch("onDisconnect", () -> host.onDisconnect(c, closeCode, reason));
    }

    @Override
    public void onMessage(Connection c, String type) {
        dispatch("onMessage", () -> host.onMessage(c, type));
    }

    @Override
    public void onPublish(String topic, boolean fromThisNode) {
        dispatch("onPublish", () -> host.onPublish(topic, fromThisNode));
    }

    @Override
    public void onDeliver(String topic, int connections) {
        dispatch("onDeliver", () -> host.onDeliver(topic, connections));
    }

    @Override
    public void onSubscribe(Connection c, String topic) {
        dispatch("onSubscribe", () -> host.onSubscribe(c, topic));
    }

    @Override
    public void onUnsubscribe(Connection c, String topic) {
        dispatch("onUnsubscribe", () -> host.onUnsubscribe(c, topic));
    }

    @Override
    public void onSlowConsumer(Connection c, long pendingBytes) {
        dispatch("onSlowConsumer", () -> host.onSlowConsumer(c, pendingBytes));
    }

    @Override
    public void onError(Connection c, String code) {
        dispatch("onError", () -> host.onError(c, code));
    }

    @Override
    public void onCallbackFailure(String callback, Throwable error) {
        dispatch("onCallbackFailure", () -> host.onCallbackFailure(callback, error));
    }

    @Override
    public void onAdapterError(String description, Throwable error) {
        dispatch("onAdapterError", () -> host.onAdapterError(description, error));
    }

    @Override
    public void onAdapterStateChange(AdapterState previous, AdapterState current) {
        dispatch("onAdapterStateChange", () -> host.onAdapterStateChange(previous, current));
    }
}
