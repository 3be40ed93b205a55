package org.wspubsub.core.internal.tyrus;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.NIOConnection;
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

    /** Upgrades not carried out because the client had already left, since the JVM started (for tests). */
    private static final java.util.concurrent.atomic.AtomicLong ABANDONED = new java.util.concurrent.atomic.AtomicLong();

    /** How much {@link #readWhileSuspended} reads at most; the rest stays in the socket for the next read. */
    private static final int PROBE_BYTES = 1024;
    /** {@link #readWhileSuspended}'s answer when the client left. */
    private static final WhileSuspended LEFT = new WhileSuspended(true, null);
    /** {@link #readWhileSuspended}'s answer when the client is there and sent nothing more. */
    private static final WhileSuspended NOTHING = new WhileSuspended(false, null);

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

    /** How many upgrades were not carried out because their client had already left, in this JVM so far. */
    static long abandonedSoFar() {
        return ABANDONED.get();
    }

    /**
     * Upgrades the connection of {@code content}'s request, offering its snapshot and the context
     * the guard authenticated (if it did) to the endpoint's {@code onOpen} while it runs, and
     * returns what the filter chain does next (always stop: the request is answered here either
     * way). When the client has already closed its socket (it left while an asynchronous
     * authenticator was deciding), nothing is upgraded: no session opens, so nothing counts against
     * {@code maxConnections} or the per-address limit, and no metrics hook hears of a connection.
     */
    NextAction upgrade(FilterChainContext ctx, HttpContent content, HandshakeRequest snapshot,
                       Optional<ConnectionContext> context, String remote) {
        Buffer arrived = null;
        if (ctx.state() == FilterChainContext.State.SUSPEND) {
            // the connection was not read while an asynchronous authenticator decided: did the client leave?
            WhileSuspended meanwhile = readWhileSuspended(ctx);
            arrived = meanwhile.arrived();
            if (meanwhile.left()) {
                ABANDONED.incrementAndGet();
                log.debug("{} left before its upgrade was answered; nothing is opened", remote);
                ctx.getConnection().closeSilently();
                return ctx.getStopAction();
            }
        }
        handOff.offer(new HandshakeData(snapshot, Optional.empty(), context));
        try {
            return upgradeOffered(ctx, content, arrived, remote);
        } finally {
            handOff.clear();
        }
    }

    /**
     * What the client of a suspended handshake did since its request was read (Grizzly does not
     * read a connection while its processing is suspended, so it has not seen it): left (closed
     * its socket, or reset it), or sent bytes (frames for the upgraded connection), or nothing.
     * One non-blocking read of at most {@link #PROBE_BYTES}, on the worker that runs the suspended
     * handshake, so no other read of the socket runs meanwhile; what it leaves in the socket is
     * read as usual once the connection is upgraded.
     */
    private static WhileSuspended readWhileSuspended(FilterChainContext ctx) {
        if (!ctx.getConnection().isOpen()) {
            return LEFT;
        }
        if (!(ctx.getConnection() instanceof NIOConnection nio) || !(nio.getChannel() instanceof SocketChannel socket)) {
            return NOTHING;
        }
        ByteBuffer bytes = ByteBuffer.allocate(PROBE_BYTES);
        int read;
        try {
            read = socket.read(bytes);
        } catch (IOException gone) {
            return LEFT;
        }
        if (read < 0) {
            return LEFT;
        }
        if (read == 0) {
            return NOTHING;
        }
        bytes.flip();
        return new WhileSuspended(false, Buffers.wrap(ctx.getMemoryManager(), bytes));
    }

    /** What {@link #readWhileSuspended} found: whether the client left, and the bytes it sent (or null). */
    private record WhileSuspended(boolean left, Buffer arrived) {
    }

    private NextAction upgradeOffered(FilterChainContext ctx, HttpContent content, Buffer arrived, String remote) {
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
        // writing the 101 as bytes of our own instead saved 0.6 KB of garbage per handshake: removed (2026-12-08)
        HttpResponsePacket switching = responsePacket(request, response);
        switching.setReasonPhrase("Switching Protocols"); // Grizzly's own phrase for 101 is "Web Socket Protocol Handshake"
        ctx.write(HttpContent.builder(switching).build());
        ClosedAwareWriter writer = new ClosedAwareWriter(connection, runtime.timer());
        org.glassfish.tyrus.spi.Connection socket = upgrade.createConnection(writer, reason -> connection.closeSilently());
        // the handshake timeout no longer applies: ping liveness takes over
        IdleTimeoutFilter.setCustomTimeout(connection, -1, TimeUnit.SECONDS);
        UpgradedConnection adopted = upgradedConnections.adopt(ctx, socket, writer,
                runtime.config().maxPayloadSize(), request);
        Buffer behind = content.getContent();
        if (arrived != null) {
            behind = behind.hasRemaining() ? Buffers.appendBuffers(ctx.getMemoryManager(), behind, arrived) : arrived;
        }
        if (behind.hasRemaining()) {
            // frames the client sent right behind its request, before reading the 101
            return adopted.read(ctx, behind);
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
                List<String> values = splitList(HeaderText.decode(chunk));
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
