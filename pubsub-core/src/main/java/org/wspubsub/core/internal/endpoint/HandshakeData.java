package org.wspubsub.core.internal.endpoint;

import java.util.Optional;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.HandshakeRequest;

/**
 * What the handshake left for the endpoint: the request, and either the context a filter in front
 * of the endpoint already authenticated or the token still to be checked. Immutable.
 *
 * @param request          the upgrade request
 * @param token            a token from the query or the Authorization header that nobody checked yet
 * @param preAuthenticated the context established before the upgrade (standalone server)
 */
public record HandshakeData(HandshakeRequest request, Optional<String> token,
                            Optional<ConnectionContext> preAuthenticated) {

    /** The key under which the configurator leaves this record in the session's user properties. */
    public static final String USER_PROPERTY = HandshakeData.class.getName();
}
