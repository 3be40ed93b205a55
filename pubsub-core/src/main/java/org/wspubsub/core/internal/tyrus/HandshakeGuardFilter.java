package org.wspubsub.core.internal.tyrus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.core.internal.endpoint.EndpointRuntime;
import org.wspubsub.core.internal.endpoint.HandshakeTickets;
import org.wspubsub.core.internal.endpoint.QueryStrings;
import org.wspubsub.core.internal.endpoint.SimpleHandshakeRequest;
import org.wspubsub.core.internal.endpoint.TokenExtractor;

/**
 * A Grizzly filter in front of Tyrus. After an upgrade it runs every read through a {@link FrameGuard}
 * (unmasked frames: 1002; messages over the payload limit: 1009, decided from the frame header).
 * Before it, it refuses WebSocket upgrades with real HTTP statuses before any session exists: {@code 403} for an origin not allowed, {@code 503} while stopping or
 * at {@code maxConnections}, {@code 401} for a handshake token the authenticator refuses. Refusals
 * carry {@code Content-Length: 0} and {@code Connection: close}, then the socket is closed, which
 * every client handles. Accepted upgrades get a {@link HandshakeTickets} ticket (the request's
 * snapshot with the peer's address, and the authenticated context) for the endpoint's configurator,
 * and reach Tyrus with only the headers it reads and without the query string.
 *
 * <p>Runs on Grizzly worker threads; the authenticator runs on the callback executor while the
 * request's processing is suspended, so no I/O thread waits for it.
 */
final class HandshakeGuardFilter extends BaseFilter {

    private static final Logger log = LoggerFactory.getLogger(HandshakeGuardFilter.class);
    private static final String GUARDED = HandshakeGuardFilter.class.getName() + ".guarded";
    private static final String FRAMES = FrameGuard.class.getName();
    /** The headers Tyrus's handshake reads (Host and Origin only to check them). */
    private static final String[] READ_BY_TYRUS = {"Host", "Origin", "Upgrade", "Connection", "Sec-WebSocket-Key",
            "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions"};

    private final EndpointRuntime runtime;
    private final HandshakeTickets tickets;

    HandshakeGuardFilter(EndpointRuntime runtime, HandshakeTickets tickets) {
        this.runtime = runtime;
        this.tickets = tickets;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (!(ctx.getMessage() instanceof HttpContent content)) {
            return ctx.getInvokeAction();
        }
        HttpHeader header = content.getHttpHeader();
        if (!header.isRequest() || !"websocket".equalsIgnoreCase(header.getUpgrade())) {
            return ctx.getInvokeAction();
        }
        HttpRequestPacket request = (HttpRequestPacket) header;
        if (request.getAttribute(GUARDED) != null) {
            return guardFrames(ctx, request, content);
        }
        request.setAttribute(GUARDED, Boolean.TRUE);
        request.getHeaders().removeHeader(HandshakeTickets.HEADER);
        if (!runtime.config().path().equals(request.getRequestURI())) {
            return ctx.getInvokeAction();
        }
        String remote = request.getRemoteAddress() + ":" + request.getRemotePort();
        NextAction malformed = refuseMalformed(ctx, request, remote);
        if (malformed != null) {
            return malformed;
        }
        if (!runtime.lifecycle().accepting()) {
            return refuse(ctx, request, remote, 503, "server shutting down");
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.isEmpty() && !runtime.config().originAllowed(origin)) {
            return refuse(ctx, request, remote, 403, "origin not allowed");
        }
        if (runtime.registry().size() >= runtime.config().maxConnections()) {
            return refuse(ctx, request, remote, 503, "maxConnections reached");
        }
        if (runtime.registry().countFrom(remote) >= runtime.config().maxConnectionsPerAddress()) {
            return refuse(ctx, request, remote, 429, "maxConnectionsPerAddress reached");
        }
        SimpleHandshakeRequest snapshot = snapshot(request, remote);
        Optional<String> token = TokenExtractor.fromHandshake(snapshot);
        if (token.isEmpty() || !runtime.callbacks().hasAuthenticator()) {
            admit(ctx, request, snapshot, Optional.empty());
            return ctx.getInvokeAction();
        }
        NextAction suspend = ctx.getSuspendAction();
        ctx.suspend();
        runtime.callbacks().authenticate(token.get(), snapshot).whenComplete((context, error) -> {
            if (error == null && context.isPresent()) {
                admit(ctx, request, snapshot, context);
                ctx.resumeNext();
            } else {
                String reason = error != null ? "authenticator failed" : "token refused";
                runtime.metrics().onAuthFailure(remote, reason);
                ctx.resume(refuse(ctx, request, remote, 401, reason));
            }
        });
        return suspend;
    }

    /**
     * RFC 6455 section 4.2.1, which Tyrus checks only in part: a GET over HTTP/1.1 with
     * {@code Connection: upgrade}, a {@code Sec-WebSocket-Key} of 16 base64-encoded bytes and version
     * 13. Returns the refusal, or null for a well-formed request.
     */
    private NextAction refuseMalformed(FilterChainContext ctx, HttpRequestPacket request, String remote) {
        if (!"GET".equals(request.getMethod().getMethodString())) {
            return refuse(ctx, request, remote, 405, "a WebSocket upgrade must be a GET", "Allow", "GET");
        }
        if (!"HTTP/1.1".equals(request.getProtocol().getProtocolString())) {
            return refuse(ctx, request, remote, 400, "a WebSocket upgrade needs HTTP/1.1");
        }
        String connection = request.getHeader("Connection");
        if (connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
            return refuse(ctx, request, remote, 400, "Connection: upgrade is missing");
        }
        String key = request.getHeader("Sec-WebSocket-Key");
        if (!validKey(key)) {
            return refuse(ctx, request, remote, 400, "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        if (!"13".equals(String.valueOf(request.getHeader("Sec-WebSocket-Version")).trim())) {
            return refuse(ctx, request, remote, 426, "only WebSocket version 13 is supported",
                    "Sec-WebSocket-Version", "13");
        }
        return null;
    }

    private static boolean validKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return java.util.Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /**
     * After the upgrade, until {@link UpgradedConnectionFilter} adopts the connection (or for good
     * when it cannot), every read passes here before Tyrus: the frame headers are checked, and a
     * violation closes the connection with its code before the payload is buffered anywhere.
     */
    private NextAction guardFrames(FilterChainContext ctx, HttpRequestPacket request, HttpContent content) {
        FrameGuard guard = (FrameGuard) request.getAttribute(FRAMES);
        if (guard == null) {
            guard = new FrameGuard(runtime.config().maxPayloadSize());
            request.setAttribute(FRAMES, guard);
        }
        int verdict = guard.inspect(content.getContent());
        if (verdict == FrameGuard.OK) {
            return ctx.getInvokeAction();
        }
        log.debug("closing a connection from {} with {}: frame refused before buffering",
                request.getRemoteAddress(), verdict);
        return UpgradedConnectionFilter.refuse(ctx, verdict);
    }

    /**
     * Lets the upgrade through to Tyrus with a ticket that carries the snapshot and the context, and
     * with the request cut down to what Tyrus reads: Tyrus copies and parses every header and the
     * query string into its own request, keeps the query in the session for the connection's life,
     * and nothing reads either afterwards (the endpoint reads the snapshot).
     */
    private void admit(FilterChainContext ctx, HttpRequestPacket request, SimpleHandshakeRequest snapshot,
                       Optional<ConnectionContext> context) {
        org.glassfish.grizzly.Connection<?> connection = ctx.getConnection();
        // once Tyrus really upgrades, the handshake timeout no longer applies: ping liveness takes over
        Runnable onUpgrade = () -> IdleTimeoutFilter.setCustomTimeout(connection, -1, TimeUnit.SECONDS);
        UpgradedConnectionFilter.adoptWhenUpgraded(ctx, runtime.config().maxPayloadSize());
        keepOnlyWhatTyrusReads(request.getHeaders());
        request.getQueryStringDC().recycle();
        request.getHeaders().addValue(HandshakeTickets.HEADER).setString(tickets.issue(snapshot, context, onUpgrade));
    }

    /** Removes every header but those Tyrus's handshake reads. */
    static void keepOnlyWhatTyrusReads(MimeHeaders headers) {
        int i = 0;
        while (i < headers.size()) {
            DataChunk name = headers.getName(i);
            if (readByTyrus(name)) {
                i++;
            } else {
                headers.removeHeader(name.toString()); // every header before i is kept: i stays valid
            }
        }
    }

    private static boolean readByTyrus(DataChunk name) {
        for (String kept : READ_BY_TYRUS) {
            if (name.equalsIgnoreCase(kept)) {
                return true;
            }
        }
        return false;
    }

    private NextAction refuse(FilterChainContext ctx, HttpRequestPacket request, String remote, int status,
                              String reason, String... extraHeader) {
        log.debug("refusing upgrade from {} with {}: {}", remote, status, reason);
        runtime.metrics().onHandshakeRefused(remote, status, reason);
        HttpResponsePacket response = request.getResponse();
        response.setStatus(status);
        if (status == 426) {
            response.setReasonPhrase("Upgrade Required"); // Grizzly knows no phrase for 426
        } else if (status == 429) {
            response.setReasonPhrase("Too Many Requests");
        }
        response.setContentLength(0);
        response.setHeader(Header.Connection, "close");
        for (int i = 0; i + 1 < extraHeader.length; i += 2) {
            response.setHeader(extraHeader[i], extraHeader[i + 1]);
        }
        ctx.write(HttpContent.builder(response).last(true).build(),
                new UpgradedConnectionFilter.CloseAfterWrite(ctx.getConnection()));
        return ctx.getStopAction();
    }

    private static SimpleHandshakeRequest snapshot(HttpRequestPacket request, String remote) {
        MimeHeaders mime = request.getHeaders();
        Map<String, List<String>> headers = new HashMap<>();
        for (int i = 0; i < mime.size(); i++) {
            headers.computeIfAbsent(mime.getName(i).toString().toLowerCase(Locale.ROOT), name -> new ArrayList<>(1))
                    .add(mime.getValue(i).toString());
        }
        return new SimpleHandshakeRequest(request.getRequestURI(), headers,
                QueryStrings.parse(request.getQueryString()), remote);
    }
}
