package org.wspubsub.core.internal.tyrus;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.HandshakeRequest;
import org.wspubsub.core.internal.endpoint.EndpointRuntime;
import org.wspubsub.core.internal.endpoint.HandshakeData;
import org.wspubsub.core.internal.endpoint.HandshakeHandOff;

/**
 * Hands an upgrade request that {@link HandshakeGuardFilter} admitted to Tyrus's WebSocket engine
 * and, when the engine accepts it, writes the {@code 101} response and wires the new WebSocket
 * connection to its Grizzly connection ({@link UpgradedConnectionFilter#adopt}). This is the part
 * of Tyrus's own Grizzly filter the service needs, built for it:
 * <ul>
 *   <li>Tyrus gets only what its handshake reads: the request path (one {@link URI} shared by every
 *       session) and the {@code Host}, {@code Origin}, {@code Upgrade}, {@code Connection} and
 *       {@code Sec-WebSocket-*} headers. No query string (it holds the token), no other header: the
 *       guard's snapshot and the context it authenticated reach the endpoint's {@code onOpen}
 *       through the {@link HandshakeHandOff} (Tyrus's handshake and the connection's opening both
 *       run inside this class's calls, on this thread), and nothing is parsed twice.</li>
 *   <li>The {@code 101} is written through Grizzly's HTTP encoder, from the status and headers
 *       Tyrus set in its upgrade response, and the connection is adopted at once, so no later
 *       read passes through the HTTP codec. Tyrus writes through a
 *       {@link ClosedAwareWriter}.</li>
 *   <li>Should the engine refuse or fail on a request the guard admitted (none is known to: the
 *       guard checks more than the engine does), the client gets the engine's status, or 500, with
 *       {@code Connection: close} like the guard's own refusals, and the metrics hook hears of it.</li>
 * </ul>
 *
 * <p>Runs on a Grizzly worker: the one that admitted the request, or, when a handshake token was
 * checked asynchronously, the one the authenticator's answer was handed to (the request's
 * processing is suspended meanwhile, so no read of the connection runs at the same time); the
 * calling thread only when the workers refuse the hand-over because the server is stopping.
 */
final class TyrusUpgrader {

    private static final Logger log = LoggerFactory.getLogger(TyrusUpgrader.class);
    private static final String KEY = "Sec-WebSocket-Key";
    /** The headers Tyrus's handshake reads (Host and Origin only to check them). */
    private static final String[] READ_BY_TYRUS = {"Host", "Origin", "Upgrade", "Connection", KEY,
            "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions"};

    private final WebSocketEngine engine;
    private final EndpointRuntime runtime;
    private final HandshakeHandOff handOff;
    private final URI path;
    /** Takes each upgraded connection off the HTTP codec. */
    private final UpgradedConnectionFilter upgradedConnections;

    TyrusUpgrader(WebSocketEngine engine, EndpointRuntime runtime, HandshakeHandOff handOff,
                  UpgradedConnectionFilter upgradedConnections) {
        this.engine = engine;
        this.runtime = runtime;
        this.handOff = handOff;
        this.upgradedConnections = upgradedConnections;
        this.path = URI.create(runtime.config().path());
    }

    /**
     * Upgrades the connection of {@code content}'s request, offering its snapshot and the context
     * the guard authenticated (if it did) to the endpoint's {@code onOpen} while it runs, and
     * returns what the filter chain does next (always stop: the request is answered here either
     * way).
     */
    NextAction upgrade(FilterChainContext ctx, HttpContent content, HandshakeRequest snapshot,
                       Optional<ConnectionContext> context, String remote) {
        handOff.offer(new HandshakeData(snapshot, Optional.empty(), context));
        try {
            return upgradeOffered(ctx, content, remote);
        } finally {
            handOff.clear();
        }
    }

    private NextAction upgradeOffered(FilterChainContext ctx, HttpContent content, String remote) {
        HttpRequestPacket request = (HttpRequestPacket) content.getHttpHeader();
        UpgradeResponse response = new TyrusUpgradeResponse();
        WebSocketEngine.UpgradeInfo upgrade;
        try {
            RequestContext tyrusRequest = requestFor(path, request.getHeaders(), request.isSecure(),
                    request.getRemoteAddress());
            upgrade = engine.upgrade(tyrusRequest, response);
        } catch (RuntimeException e) {
            log.warn("the WebSocket engine failed on an upgrade from {}; answering 500", remote, e);
            response.setStatus(500);
            return refuse(ctx, request, response, remote, "upgrade failed: " + e);
        }
        if (upgrade.getStatus() != WebSocketEngine.UpgradeStatus.SUCCESS) {
            if (upgrade.getStatus() == WebSocketEngine.UpgradeStatus.NOT_APPLICABLE) {
                response.setStatus(404); // the guard checked the path: only a deployment gone wrong gets here
            }
            return refuse(ctx, request, response, remote, "refused by the WebSocket handshake");
        }
        Connection<?> connection = ctx.getConnection();
        // writing the 101 as bytes of our own instead saved 0.7 KB of garbage per handshake: removed (2026-12-08)
        HttpResponsePacket switching = responsePacket(request, response);
        switching.setReasonPhrase("Switching Protocols"); // Grizzly's own phrase for 101 is "Web Socket Protocol Handshake"
        ctx.write(HttpContent.builder(switching).build());
        org.glassfish.tyrus.spi.Connection socket = upgrade.createConnection(new ClosedAwareWriter(connection),
                reason -> connection.closeSilently());
        // the handshake timeout no longer applies: ping liveness takes over
        IdleTimeoutFilter.setCustomTimeout(connection, -1, TimeUnit.SECONDS);
        UpgradedConnection adopted = upgradedConnections.adopt(ctx, socket, runtime.config().maxPayloadSize(),
                request);
        if (content.getContent().hasRemaining()) {
            // frames the client sent right behind its request, before reading the 101
            return adopted.read(ctx, content.getContent());
        }
        return ctx.getStopAction();
    }

    /**
     * The request as Tyrus's engine needs it: the endpoint's path and the headers it reads, with
     * their comma-separated lists split as its own filter does.
     */
    static RequestContext requestFor(URI path, MimeHeaders mime, boolean secure, String remoteAddress) {
        RequestContext context = RequestContext.Builder.create()
                .requestURI(path)
                .secure(secure)
                .remoteAddr(remoteAddress)
                .tyrusProperties(Map.of())
                .build();
        Map<String, List<String>> headers = context.getHeaders(); // case-insensitive
        for (int i = 0; i < mime.size(); i++) {
            String name = readByTyrus(mime.getName(i));
            if (name != null) {
                DataChunk chunk = mime.getValue(i);
                List<String> values = splitList(RepeatedHeaderValues.decode(chunk));
                List<String> earlier = headers.putIfAbsent(name, values);
                if (earlier != null) {
                    earlier.addAll(values);
                }
            }
        }
        return context;
    }

    /** The canonical name of a header Tyrus reads, or null for any other. */
    private static String readByTyrus(DataChunk name) {
        for (String kept : READ_BY_TYRUS) {
            if (name.equalsIgnoreCase(kept)) {
                return kept;
            }
        }
        return null;
    }

    /** The elements of a comma-separated header value, trimmed; commas inside quotes do not split. */
    static List<String> splitList(String value) {
        List<String> elements = new ArrayList<>(1);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                addTrimmed(elements, value.substring(start, i));
                start = i + 1;
            }
        }
        addTrimmed(elements, value.substring(start));
        return elements;
    }

    private static void addTrimmed(List<String> elements, String element) {
        String trimmed = element.trim();
        if (!trimmed.isEmpty()) {
            elements.add(trimmed);
        }
    }

    private static HttpResponsePacket responsePacket(HttpRequestPacket request, UpgradeResponse response) {
        HttpResponsePacket packet = request.getResponse();
        packet.setProtocol(Protocol.HTTP_1_1);
        packet.setStatus(response.getStatus());
        response.getHeaders().forEach((name, values) -> packet.setHeader(name, String.join(", ", values)));
        return packet;
    }

    private NextAction refuse(FilterChainContext ctx, HttpRequestPacket request, UpgradeResponse response,
                              String remote, String reason) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        log.debug("refusing upgrade from {} with {}: {}", remote, status, reason);
        runtime.metrics().onHandshakeRefused(remote, status, reason);
        HttpResponsePacket packet = responsePacket(request, response);
        packet.setStatus(status);
        HandshakeGuardFilter.closeAfter(ctx, packet);
        return ctx.getStopAction();
    }
}
