package org.wspubsub.core.internal.tyrus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.internal.TrustedProxies;
import org.wspubsub.core.internal.host.HostCallbacks;
import org.wspubsub.core.internal.endpoint.EndpointRuntime;
import org.wspubsub.core.internal.endpoint.KnownHeaders;
import org.wspubsub.core.internal.endpoint.NamedValues;
import org.wspubsub.core.internal.endpoint.QueryStrings;
import org.wspubsub.core.internal.endpoint.SimpleHandshakeRequest;
import org.wspubsub.core.internal.endpoint.TokenExtractor;

/**
 * A Grizzly filter in front of Tyrus. After an upgrade it runs every read through a {@link FrameGuard}
 * (unmasked frames: 1002; messages over the payload limit: 1009, decided from the frame header).
 * Before it, it refuses WebSocket upgrades with real HTTP statuses before any session exists: {@code 403} for an origin not allowed, {@code 503} while stopping or
 * at {@code maxConnections}, {@code 401} for a handshake token the authenticator refuses. Refusals
 * carry {@code Content-Length: 0} and {@code Connection: close}, then the socket is closed, which
 * every client handles. Accepted upgrades go to Tyrus through the {@link TyrusUpgrader}, with the
 * request's snapshot (with the peer's address) and the authenticated context for the endpoint's
 * {@code onOpen}; bytes that follow the request in the same read go to the upgraded connection.
 *
 * <p>Runs on Grizzly worker threads; the authenticator runs on the callback executor while the
 * request's processing is suspended, so no I/O thread waits for it, and its answer is taken back to
 * a Grizzly worker, which finishes the handshake.
 */
final class HandshakeGuardFilter extends BaseFilter {

    private static final Logger log = LoggerFactory.getLogger(HandshakeGuardFilter.class);
    private static final String GUARDED = HandshakeGuardFilter.class.getName() + ".guarded";

    private final EndpointRuntime runtime;
    private final TyrusUpgrader upgrader;

    HandshakeGuardFilter(EndpointRuntime runtime, TyrusUpgrader upgrader) {
        this.runtime = runtime;
        this.upgrader = upgrader;
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
            return frames(ctx, content);
        }
        if (!runtime.config().path().equals(request.getRequestURI())) {
            return ctx.getInvokeAction();
        }
        request.setAttribute(GUARDED, Boolean.TRUE);
        String remote = clientAddress(request);
        NextAction malformed = refuseMalformed(ctx, request, remote);
        if (malformed != null) {
            return malformed;
        }
        if (!runtime.lifecycle().accepting()) {
            return refuse(ctx, request, remote, 503, "server shutting down");
        }
        String origin = sharedHeader(request, "Origin");
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
            return upgrader.upgrade(ctx, content, snapshot, Optional.empty(), remote);
        }
        NextAction suspend = ctx.getSuspendAction();
        ctx.suspend();
        runtime.callbacks().authenticate(token.get(), snapshot).whenComplete((context, error) -> onWorker(ctx, () -> {
            if (error == null && context.isPresent()) {
                ctx.resume(upgrader.upgrade(ctx, content, snapshot, context, remote));
            } else if (HostCallbacks.isRejected(error)) {
                // the callback pool is full: the client may retry, its token was not judged
                ctx.resume(refuse(ctx, request, remote, 503, "callback pool full"));
            } else {
                String reason = error != null ? "authenticator failed" : "token refused";
                runtime.metrics().onAuthFailure(remote, reason);
                ctx.resume(refuse(ctx, request, remote, 401, reason));
            }
        }));
        return suspend;
    }

    /**
     * The client's address as {@code host:port}: the TCP peer's, or, when the peer is one of the
     * {@code trustedProxies}, the one its {@code Forwarded} / {@code X-Forwarded-For} headers give
     * ({@link TrustedProxies}). It is what the per-address limit counts, here and in the endpoint's
     * {@code onOpen}, and what the connection shows as its remote address.
     */
    private String clientAddress(HttpRequestPacket request) {
        String peer = request.getRemoteAddress();
        TrustedProxies proxies = runtime.config().trustedProxies();
        if (proxies.isEmpty() || !proxies.trusts(peer)) {
            return peer + ":" + request.getRemotePort();
        }
        return proxies.clientAddress(peer, request.getRemotePort(), headerValues(request, "Forwarded"),
                headerValues(request, "X-Forwarded-For"));
    }

    /** Every value of header {@code name} (any case), in order. */
    private static List<String> headerValues(HttpRequestPacket request, String name) {
        List<String> values = new ArrayList<>(1);
        for (String value : request.getHeaders().values(name)) {
            values.add(value);
        }
        return values;
    }

    /**
     * Runs the rest of a suspended handshake on one of Grizzly's workers, as if the read had never
     * been suspended: the upgrade then ends where Grizzly can take its request back for the next
     * one (see {@link UpgradedConnectionFilter}), not on the callback thread that has no use for it.
     * When the workers refuse (the server is stopping), it runs on the calling thread.
     */
    private static void onWorker(FilterChainContext ctx, Runnable rest) {
        ExecutorService workers = ctx.getConnection().getTransport().getWorkerThreadPool();
        try {
            if (workers != null) {
                workers.execute(rest);
                return;
            }
        } catch (RejectedExecutionException stopping) {
            // fall through: finish here
        }
        rest.run();
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
        String connection = sharedHeader(request, "Connection");
        if (connection == null || !containsIgnoringCase(connection, "upgrade")) {
            return refuse(ctx, request, remote, 400, "Connection: upgrade is missing");
        }
        String key = header(request, "Sec-WebSocket-Key");
        if (!validKey(key)) {
            return refuse(ctx, request, remote, 400, "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        if (!"13".equals(String.valueOf(sharedHeader(request, "Sec-WebSocket-Version")).trim())) {
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
     * Bytes that follow an admitted upgrade request through the HTTP codec (frames the client sent
     * right behind it) go to the upgraded connection, whose guard checks them before Tyrus sees
     * them; without one (the upgrade was refused and the socket is closing) they are dropped.
     */
    private static NextAction frames(FilterChainContext ctx, HttpContent content) {
        UpgradedConnection upgraded = UpgradedConnectionFilter.of(ctx.getConnection());
        return upgraded == null ? ctx.getStopAction() : upgraded.read(ctx, content.getContent());
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
        for (int i = 0; i + 1 < extraHeader.length; i += 2) {
            response.setHeader(extraHeader[i], extraHeader[i + 1]);
        }
        closeAfter(ctx, response);
        return ctx.getStopAction();
    }

    /** Writes {@code response} with no body and {@code Connection: close}, then closes the socket. */
    static void closeAfter(FilterChainContext ctx, HttpResponsePacket response) {
        response.setContentLength(0);
        response.setHeader(Header.Connection, "close");
        ctx.write(HttpContent.builder(response).last(true).build(),
                new UpgradedConnectionFilter.CloseAfterWrite(ctx.getConnection()));
    }

    /**
     * The request as the connection keeps it (see {@link KnownHeaders}): names matched against the
     * known ones as bytes (no string for a common name, nor for a header the connection drops),
     * values decoded as Grizzly would decode them (see {@link #text}).
     */
    private SimpleHandshakeRequest snapshot(HttpRequestPacket request, String remote) {
        MimeHeaders mime = request.getHeaders();
        NamedValues headers = new NamedValues();
        for (int i = 0; i < mime.size(); i++) {
            String name = lowerCaseName(mime.getName(i));
            if (KnownHeaders.kept(name)) {
                DataChunk value = mime.getValue(i);
                headers.add(KnownHeaders.canonical(name), text(value));
            }
        }
        NamedValues query = new NamedValues();
        QueryStrings.parseInto(request.getQueryString(), query);
        // the guard only lets the configured path through: keep that one instance
        return SimpleHandshakeRequest.ofKept(runtime.config().path(), headers, query, remote);
    }

    private static String lowerCaseName(DataChunk name) {
        for (String known : KnownHeaders.names()) {
            if (name.equalsIgnoreCase(known)) {
                return known;
            }
        }
        return text(name).toLowerCase(Locale.ROOT);
    }

    /** The first value of header {@code name} (any case), or null. */
    private static String header(HttpRequestPacket request, String name) {
        DataChunk value = request.getHeaders().getValue(name);
        return value == null ? null : text(value);
    }

    /**
     * {@link #header}, for a header whose value every client of a node sends alike ({@code Origin},
     * {@code Connection}, {@code Sec-WebSocket-Version}): its text shared with other handshakes'.
     */
    private String sharedHeader(HttpRequestPacket request, String name) {
        DataChunk value = request.getHeaders().getValue(name);
        return value == null ? null : text(value);
    }

    /** Whether {@code text} contains {@code lowerCase} in any case, without a lower-cased copy of it. */
    private static boolean containsIgnoringCase(String text, String lowerCase) {
        for (int i = 0; i + lowerCase.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, lowerCase, 0, lowerCase.length())) {
                return true;
            }
        }
        return false;
    }

    /** The text of a header name or value ({@link HeaderText#decode}). */
    private static String text(DataChunk chunk) {
        return HeaderText.decode(chunk);
    }
}
