package org.wspubsub.api;

import org.wspubsub.api.adapter.AdapterState;

/**
 * Hooks for the host's monitoring (Micrometer, Prometheus, logs). Every method is a no-op by
 * default, so new events arrive as new default methods without breaking implementations.
 *
 * <p><b>Threads.</b> The service calls these hooks on one metrics thread of its own, in the order
 * the events happened, never on an I/O thread. Hooks must be fast and must not block: events
 * queue (bounded) behind a slow hook and are dropped, with a warning, when that queue is full.
 * A hook that throws is logged and never affects delivery.
 *
 * <p><b>Cardinality.</b> Topics and user ids are unbounded; an implementation that turns them into
 * metric tags must bound them itself.
 */
public interface MetricsListener {

    /** A listener that records nothing. */
    MetricsListener NONE = new MetricsListener() { };

    /**
     * A WebSocket connection was opened and counts among the node's connections. A connection
     * refused as it opened (over {@code maxConnections}, or while the node stops) is reported by
     * neither this nor {@link #onDisconnect}.
     */
    default void onConnection(Connection connection) { }

    /** A connection authenticated (at the handshake or with an {@code auth} frame). */
    default void onAuthSuccess(Connection connection) { }

    /** A token was refused, or the authenticator failed; {@code reason} never contains the token. */
    default void onAuthFailure(String remoteAddress, String reason) { }

    /** A handshake was refused with an HTTP status (401, 403, 503) before any connection existed. */
    default void onHandshakeRefused(String remoteAddress, int httpStatus, String reason) { }

    /**
     * A connection closed, with the WebSocket close code and reason; exactly once for each
     * connection {@link #onConnection} reported, and for no other.
     */
    default void onDisconnect(Connection connection, int closeCode, String reason) { }

    /** A client frame arrived; {@code type} is a protocol type or {@code "unknown"}. */
    default void onMessage(Connection connection, String type) { }

    /**
     * A publication entered this node: {@code fromThisNode} is true for host and client publishes
     * made here, false for publications that arrived through the broker.
     */
    default void onPublish(String topic, boolean fromThisNode) { }

    /** A publication was queued for {@code connections} local connections (once per publication). */
    default void onDeliver(String topic, int connections) { }

    /** A subscription was granted. */
    default void onSubscribe(Connection connection, String topic) { }

    /** A subscription was removed (by the client or because the connection closed). */
    default void onUnsubscribe(Connection connection, String topic) { }

    /** A connection's outbound queue overflowed; it is being closed with {@code 4001}. */
    default void onSlowConsumer(Connection connection, long pendingBytes) { }

    /** An {@code error} frame with {@code code} was sent to a connection. */
    default void onError(Connection connection, String code) { }

    /** A host callback ({@code "authenticator"}, {@code "authorizeSubscribe"}, …) threw, failed or timed out. */
    default void onCallbackFailure(String callback, Throwable error) { }

    /** The broker adapter changed state (for example {@code UP} → {@code DOWN} during a broker outage). */
    default void onAdapterStateChange(AdapterState previous, AdapterState current) { }

    /**
     * The broker adapter hit an error it is handling itself (for example a subscription it failed to
     * restore and keeps retrying); {@code description} says what, without secrets.
     */
    default void onAdapterError(String description, Throwable error) { }
}
