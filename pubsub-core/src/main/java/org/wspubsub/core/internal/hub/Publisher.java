package org.wspubsub.core.internal.hub;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.wspubsub.api.AdapterUnavailableException;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerMessage;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * Sends one encoded publication everywhere: to this node's matching connections through the
 * {@link Hub}, and to the other nodes through the adapter, with a bounded wait for the adapter.
 *
 * <p>Thread-safe; called on host threads (host publishes) and on request threads (client publishes).
 */
public final class Publisher {

    private final Hub<?> hub;
    private final BrokerAdapter adapter;
    private final String nodeId;
    private final Timeouts deadlines;
    private final Duration timeout;
    private final MetricsListener metrics;

    public Publisher(Hub<?> hub, BrokerAdapter adapter, String nodeId, Timeouts deadlines, Duration timeout,
                     MetricsListener metrics) {
        this.hub = hub;
        this.adapter = adapter;
        this.nodeId = nodeId;
        this.deadlines = deadlines;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    /**
     * Delivers locally, then hands the publication to the adapter.
     *
     * @return completes when the adapter took it; fails with {@link AdapterUnavailableException} when it
     *     could not within the publish timeout (local subscribers got it all the same)
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        metrics.onPublish(topic, true);
        hub.deliverLocally(topic, OutboundFrame.ofPayload(payload));
        CompletionStage<Void> sent;
        try {
            sent = adapter.publish(BrokerMessage.of(topic, payload, nodeId));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return deadlines.within(sent.toCompletableFuture(), timeout.toMillis())
                .handle((ok, error) -> {
                    if (error == null) {
                        return null;
                    }
                    throw new CompletionException(unavailable(topic, error));
                });
    }

    private RuntimeException unavailable(String topic, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof AdapterUnavailableException unavailable) {
            return unavailable;
        }
        if (cause instanceof IllegalStateException stateProblem) {
            return stateProblem;
        }
        String why = cause instanceof TimeoutException
                ? "did not take it within " + timeout.toMillis() + " ms"
                : "failed: " + cause.getMessage();
        return new AdapterUnavailableException("publication to topic " + topic + " reached this node's subscribers "
                + "only: the " + adapter.name() + " adapter " + why + "; other nodes did not get it, retry later",
                cause);
    }
}
