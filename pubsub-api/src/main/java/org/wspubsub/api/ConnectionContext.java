package org.wspubsub.api;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is behind a connection, as the host's {@link Authenticator} decided: an immutable value.
 *
 * @param userId   the user's id; not null or blank
 * @param roles    the user's roles (copied, immutable); empty when none
 * @param metadata anything else the host wants to keep with the connection (copied, immutable);
 *                 values must not be null
 */
public record ConnectionContext(String userId, Set<String> roles, Map<String, Object> metadata) {

    public ConnectionContext {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
    }

    /** A context with a user id and no roles or metadata. */
    public static ConnectionContext of(String userId) {
        return new ConnectionContext(userId, Set.of(), Map.of());
    }

    /** A context with a user id and roles. */
    public static ConnectionContext of(String userId, Set<String> roles) {
        return new ConnectionContext(userId, roles, Map.of());
    }

    /** Whether the user has {@code role}. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
