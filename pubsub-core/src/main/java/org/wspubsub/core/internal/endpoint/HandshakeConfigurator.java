package org.wspubsub.core.internal.endpoint;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Optional;

/**
 * The endpoint's {@link ServerEndpointConfig.Configurator}: refuses origins that are not allowed
 * and makes sure the endpoint's {@code onOpen} learns about the upgrade. When the standalone
 * server's upgrader offered the upgrade on this thread ({@link HandshakeHandOff}), the endpoint
 * takes that (the request's snapshot with the peer's address, and the already authenticated
 * context) and nothing is left here. Otherwise (a host's own container) the configurator
 * snapshots the request itself and leaves a {@link HandshakeData} in the session's user
 * properties, with the handshake token for the endpoint to check after the upgrade. Extensions
 * are whatever the {@link ExtensionNegotiator} accepts, never the container's defaults.
 *
 * <p>Called by the container on its handshake threads; thread-safe and non-blocking.
 */
public final class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    private final EndpointRuntime runtime;
    private final PubSubEndpoint endpoint;
    private final HandshakeHandOff handOff;
    private final ExtensionNegotiator extensions;

    public HandshakeConfigurator(EndpointRuntime runtime, PubSubEndpoint endpoint, HandshakeHandOff handOff,
                                 ExtensionNegotiator extensions) {
        this.runtime = runtime;
        this.endpoint = endpoint;
        this.handOff = handOff;
        this.extensions = extensions;
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        return requested == null || requested.isEmpty() ? List.of() : extensions.negotiate(requested);
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return originHeaderValue == null || originHeaderValue.isEmpty()
                || runtime.config().originAllowed(originHeaderValue);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, jakarta.websocket.server.HandshakeRequest request,
                                HandshakeResponse response) {
        if (handOff.pending() != null) {
            return; // the standalone server took the snapshot and judged the token; onOpen takes it on this thread
        }
        SimpleHandshakeRequest snapshot = snapshot(request);
        config.getUserProperties().put(HandshakeData.USER_PROPERTY,
                new HandshakeData(snapshot, TokenExtractor.fromHandshake(snapshot), Optional.empty()));
    }

    /**
     * The request as the container parsed it (the snapshot lower-cases, drops and copies what it
     * must); the peer's address is unknown to the Jakarta API.
     */
    private SimpleHandshakeRequest snapshot(jakarta.websocket.server.HandshakeRequest request) {
        String path = request.getRequestURI() == null ? runtime.config().path() : request.getRequestURI().getPath();
        return SimpleHandshakeRequest.of(path, request.getHeaders(), request.getParameterMap(), "unknown");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return (T) endpoint;
    }
}
