package org.wspubsub.api;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of one client connection, handed to authorizers and metrics hooks.
 *
 * <p>Thread-safe. Values that change over the connection's life ({@link #context()},
 * {@link #subscriptions()}, {@link #isOpen()}) are snapshots taken at the call.
 */
public interface Connection {

    /** An id unique on this node for the service's life; the {@code sessionId} of {@code auth.success}. */
    String id();

    /** The authenticated context, or empty while the connection has not authenticated. */
    Optional<ConnectionContext> context();

    /** The authenticated user's id, or empty. */
    default Optional<String> userId() {
        return context().map(ConnectionContext::userId);
    }

    /** The authenticated user's roles; empty when none or not authenticated. */
    default Set<String> roles() {
        return context().map(ConnectionContext::roles).orElse(Set.of());
    }

    /** Whether the connection has authenticated. */
    default boolean isAuthenticated() {
        return context().isPresent();
    }

    /** The peer's address as {@code host:port}, or {@code "unknown"}. */
    String remoteAddress();

    /** The topics and patterns the connection is subscribed to, exactly as the client sent them. */
    Set<String> subscriptions();

    /** When the WebSocket connection was opened. */
    Instant connectedAt();

    /** Whether the connection is still open. */
    boolean isOpen();
}
