package org.wspubsub.core.internal.endpoint;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoint's {@link ServerEndpointConfig.Configurator}: refuses origins that are not allowed
 * and leaves a {@link HandshakeData} in the session's user properties. When a filter in front of
 * the container issued a {@link HandshakeTickets} ticket, the ticket supplies the request's
 * snapshot (with the peer's address) and the already authenticated context; otherwise the
 * configurator snapshots the request itself and leaves the handshake token for the endpoint to
 * check after the upgrade. Extensions are whatever the
 * {@link ExtensionNegotiator} accepts, never the container's defaults.
 *
 * <p>Called by the container on its handshake threads; thread-safe and non-blocking.
 */
public final class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    private final EndpointRuntime runtime;
    private final PubSubEndpoint endpoint;
    private final HandshakeTickets tickets;
    private final ExtensionNegotiator extensions;

    public HandshakeConfigurator(EndpointRuntime runtime, PubSubEndpoint endpoint, HandshakeTickets tickets,
                                 ExtensionNegotiator extensions) {
        this.runtime = runtime;
        this.endpoint = endpoint;
        this.tickets = tickets;
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
        Optional<HandshakeTickets.Ticket> ticket = tickets.claim(firstValue(request, HandshakeTickets.HEADER));
        HandshakeData data;
        if (ticket.isPresent()) {
            // the filter in front took the snapshot and already judged the handshake token
            HandshakeTickets.Ticket t = ticket.get();
            data = new HandshakeData(t.request(), Optional.empty(), t.context());
        } else {
            SimpleHandshakeRequest snapshot = snapshot(request);
            data = new HandshakeData(snapshot, TokenExtractor.fromHandshake(snapshot), Optional.empty());
        }
        config.getUserProperties().put(HandshakeData.USER_PROPERTY, data);
    }

    /**
     * The request as the container parsed it (the snapshot lower-cases, drops and copies what it
     * must); the peer's address is unknown to the Jakarta API.
     */
    private SimpleHandshakeRequest snapshot(jakarta.websocket.server.HandshakeRequest request) {
        String path = request.getRequestURI() == null ? runtime.config().path() : request.getRequestURI().getPath();
        return SimpleHandshakeRequest.of(path, request.getHeaders(), request.getParameterMap(), "unknown");
    }

    private static String firstValue(jakarta.websocket.server.HandshakeRequest request, String header) {
        for (Map.Entry<String, List<String>> e : request.getHeaders().entrySet()) {
            if (e.getKey().equalsIgnoreCase(header)) {
                return e.getValue() == null || e.getValue().isEmpty() ? null : e.getValue().get(0);
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return (T) endpoint;
    }
}
