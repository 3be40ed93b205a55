package org.wspubsub.core.internal.endpoint;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.wspubsub.api.ConnectionContext;

/**
 * The endpoint's {@link ServerEndpointConfig.Configurator}: refuses origins that are not allowed,
 * snapshots the upgrade request, and leaves a {@link HandshakeData} in the session's user
 * properties. When a filter in front of the container issued a {@link HandshakeTickets} ticket,
 * the ticket supplies the peer's address and the already authenticated context; otherwise the
 * handshake token is left for the endpoint to check after the upgrade. Extensions are whatever the
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
        Map<String, List<String>> headers = new HashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        List<String> ticketHeader = headers.remove(HandshakeTickets.HEADER);
        Optional<HandshakeTickets.Ticket> ticket = ticketHeader == null || ticketHeader.isEmpty()
                ? Optional.empty() : tickets.claim(ticketHeader.get(0));
        ticket.ifPresent(t -> t.onUpgrade().run());
        Map<String, List<String>> query = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> query.put(name, List.copyOf(values)));
        String path = request.getRequestURI() == null ? runtime.config().path() : request.getRequestURI().getPath();
        String remote = ticket.map(HandshakeTickets.Ticket::remoteAddress).orElse("unknown");
        SimpleHandshakeRequest snapshot = new SimpleHandshakeRequest(path, headers, query, remote);
        Optional<ConnectionContext> preAuthenticated = ticket.flatMap(HandshakeTickets.Ticket::context);
        // With a ticket, the filter already judged the handshake token: nothing is left to check.
        Optional<String> token = ticket.isPresent() ? Optional.empty() : TokenExtractor.fromHandshake(snapshot);
        config.getUserProperties().put(HandshakeData.USER_PROPERTY, new HandshakeData(snapshot, token, preAuthenticated));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return (T) endpoint;
    }
}
