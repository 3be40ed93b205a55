package org.wspubsub.core.internal.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.core.internal.host.HostCallbacks;
import org.wspubsub.core.internal.protocol.ClientFrame;
import org.wspubsub.core.internal.protocol.CloseCodes;
import org.wspubsub.core.internal.protocol.ErrorCode;

/**
 * The authentication flow of a connection: a context established before the upgrade, a handshake
 * token checked after it (in containers without the standalone server's filter), the {@code auth}
 * frame, and the auth timeout.
 *
 * <p>Thread-safe and stateless; the state lives in {@link ClientConnection}. The host's
 * authenticator runs on the callback executor, never here.
 */
public final class Authentication {

    private static final Logger log = LoggerFactory.getLogger(Authentication.class);

    private final EndpointRuntime runtime;

    public Authentication(EndpointRuntime runtime) {
        this.runtime = runtime;
    }

    /** Called once the connection is open and registered, with what its handshake left. */
    void onOpen(ClientConnection connection, HandshakeData handshake) {
        if (handshake.preAuthenticated().isPresent()) {
            succeed(connection, handshake.preAuthenticated().get(), null);
            return;
        }
        if (handshake.token().isPresent() && runtime.callbacks().hasAuthenticator()) {
            String token = handshake.token().get();
            connection.enqueueRequest(() -> verify(connection, token, null, true));
        }
        if (runtime.config().requireAuthentication()) {
            scheduleTimeout(connection);
        }
    }

    /** {@code {"type":"auth","token":"…"}}. */
    CompletionStage<Void> onAuthFrame(ClientConnection connection, ClientFrame frame) {
        String token = frame.requiredString("token");
        if (!runtime.callbacks().hasAuthenticator()) {
            runtime.metrics().onAuthFailure(connection.remoteAddress(), "no authenticator configured");
            connection.failAndClose(ErrorCode.UNAUTHORIZED, "this server accepts no tokens (no authenticator)",
                    frame.id(), CloseCodes.UNAUTHORIZED);
            return CompletableFuture.completedFuture(null);
        }
        return verify(connection, token, frame.id(), false);
    }

    private CompletionStage<Void> verify(ClientConnection connection, String token, JsonNode id, boolean handshake) {
        return runtime.callbacks().authenticate(token, connection.request())
                .handle((context, error) -> {
                    if (HostCallbacks.isRejected(error)) {
                        busy(connection, id, handshake);
                    } else if (error != null || context == null || context.isEmpty()) {
                        String reason = error != null ? "authenticator failed" : "token refused";
                        fail(connection, reason, id);
                    } else {
                        succeed(connection, context.get(), id);
                    }
                    return null;
                });
    }

    private void succeed(ClientConnection connection, ConnectionContext context, JsonNode id) {
        Optional<String> current = connection.userId();
        if (current.isPresent() && !current.get().equals(context.userId())) {
            connection.sendError(ErrorCode.BAD_REQUEST,
                    "this connection is authenticated as another user; reconnect to switch users", id, null);
            return;
        }
        connection.authenticated(context);
        connection.send(runtime.frames().authSuccess(id, context.userId(), connection.id()));
        runtime.metrics().onAuthSuccess(connection);
        log.debug("connection={} authenticated user={}", connection.id(), context.userId());
    }

    /**
     * The authenticator was not asked: the callback pool was full. An {@code auth} frame gets
     * {@code rate_limited} and may be sent again; a handshake token (checked after the upgrade, in
     * a container without the standalone server's guard) closes the connection with {@code 1013},
     * try again later.
     */
    private void busy(ClientConnection connection, JsonNode id, boolean handshake) {
        String message = "the server is busy; try again later";
        if (handshake) {
            connection.failAndClose(ErrorCode.RATE_LIMITED, message, null, CloseCodes.TRY_AGAIN_LATER);
        } else {
            connection.sendError(ErrorCode.RATE_LIMITED, message, id, null);
        }
    }

    private void fail(ClientConnection connection, String reason, JsonNode id) {
        log.debug("connection={} authentication failed: {}", connection.id(), reason);
        runtime.metrics().onAuthFailure(connection.remoteAddress(), reason);
        connection.failAndClose(ErrorCode.UNAUTHORIZED, "authentication failed", id, CloseCodes.UNAUTHORIZED);
    }

    private void scheduleTimeout(ClientConnection connection) {
        long millis = runtime.config().authTimeout().toMillis();
        try {
            connection.authTimer(runtime.timer().schedule(() -> {
                if (!connection.isAuthenticated()) {
                    log.debug("connection={} did not authenticate within {} ms", connection.id(), millis);
                    runtime.metrics().onAuthFailure(connection.remoteAddress(), "authentication timeout");
                    connection.close(CloseCodes.AUTH_TIMEOUT, "authentication timeout");
                }
            }, millis, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException stopped) {
            connection.close(CloseCodes.GOING_AWAY, "server shutting down");
        }
    }
}
