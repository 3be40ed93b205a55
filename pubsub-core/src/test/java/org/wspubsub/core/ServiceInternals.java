package org.wspubsub.core;

import org.wspubsub.core.internal.endpoint.EndpointRuntime;

/** Gives tests in the internal packages the service's runtime (its registry, hub and options). */
public final class ServiceInternals {

    private ServiceInternals() {
    }

    public static EndpointRuntime runtime(WebSocketService service) {
        return service.runtime();
    }
}
