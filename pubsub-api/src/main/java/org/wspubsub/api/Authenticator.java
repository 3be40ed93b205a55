package org.wspubsub.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Turns a client's token into a {@link ConnectionContext}.
 *
 * <p>Called on the service's callback executor, never on an I/O thread, once per connection
 * attempt that presents a token (query parameter {@code token}, header
 * {@code Authorization: Bearer …} or an {@code auth} frame). Return quickly: do slow work
 * asynchronously and complete the stage later. An empty result, a failed stage, an exception or
 * a stage that does not complete within the configured callback timeout all mean "refused";
 * failures are logged without the token.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param token   the token as the client sent it; never logged by the library
     * @param request the upgrade request of the connection
     * @return the context for an accepted token, empty for a refused one
     */
    CompletionStage<Optional<ConnectionContext>> authenticate(String token, HandshakeRequest request);
}
