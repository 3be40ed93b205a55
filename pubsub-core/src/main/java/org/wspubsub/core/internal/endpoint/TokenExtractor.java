package org.wspubsub.core.internal.endpoint;

import java.util.Locale;
import java.util.Optional;
import org.wspubsub.api.HandshakeRequest;

/**
 * Finds the token of an upgrade request, in the protocol's order: the {@code token} query
 * parameter first, then {@code Authorization: Bearer …}. Stateless.
 */
public final class TokenExtractor {

    /** The query parameter that carries a token. */
    public static final String QUERY_PARAMETER = "token";

    private TokenExtractor() {
    }

    public static Optional<String> fromHandshake(HandshakeRequest request) {
        Optional<String> query = request.queryParameter(QUERY_PARAMETER).filter(t -> !t.isEmpty());
        if (query.isPresent()) {
            return query;
        }
        return request.header("authorization")
                .filter(h -> h.length() > 7 && h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer "))
                .map(h -> h.substring(7).trim())
                .filter(t -> !t.isEmpty());
    }
}
