package org.wspubsub.core;

import org.wspubsub.core.internal.endpoint.EndpointRuntime;
import org.wspubsub.core.internal.endpoint.HandshakeHandOff;
import org.wspubsub.core.internal.endpoint.PubSubEndpoint;

/**
 * Gives tests in the internal packages the service's runtime (its registry, hub and options) and
 * endpoints over it for other containers.
 */
public final class ServiceInternals {

    private ServiceInternals() {
    }

    public static EndpointRuntime runtime(WebSocketService service) {
        return service.runtime();
    }

    /** A second protocol endpoint over {@code service}'s runtime, to deploy in another container. */
    public static PubSubEndpoint newEndpoint(WebSocketService service, HandshakeHandOff handOff) {
        return service.newEndpoint(handOff);
    }
}
