package org.wspubsub.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP upgrade request a connection was opened with, as the {@link Authenticator} sees it.
 * Immutable; safe to keep and to read from any thread.
 *
 * <p>The connection keeps it for an {@code auth} frame's authenticator call, but no credential
 * outlives the handshake: once the connection is authenticated, the request it keeps has no
 * {@code authorization} or {@code cookie} header (unless the host named it in
 * {@code keepHandshakeHeaders}) and no {@code token} query parameter.
 */
public interface HandshakeRequest {

    /** The request path without the query string, for example {@code /ws}. */
    String path();

    /**
     * Every header, names in lower case, except those that only serve the WebSocket upgrade
     * itself ({@code Sec-WebSocket-Key}, {@code Sec-WebSocket-Version}, {@code Sec-WebSocket-Extensions},
     * {@code Upgrade}, {@code Connection}): the request is kept for the connection's whole life, so
     * it keeps only what an authenticator could use.
     */
    Map<String, List<String>> headers();

    /** The first value of a header; the name is case-insensitive. */
    Optional<String> header(String name);

    /** Every query parameter, decoded. */
    Map<String, List<String>> queryParameters();

    /** The first value of a query parameter. */
    Optional<String> queryParameter(String name);

    /** The peer's address as {@code host:port}, or {@code "unknown"} when the container hides it. */
    String remoteAddress();

    /** The {@code Origin} header, when the client sent one (browsers always do). */
    Optional<String> origin();
}
