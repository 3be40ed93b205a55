package org.wspubsub.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.wspubsub.api.Authenticator;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.PublishAuthorizer;
import org.wspubsub.api.SubscribeAuthorizer;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.core.http.HttpEndpoint;
import org.wspubsub.core.internal.ServiceConfig;
import org.wspubsub.core.internal.TrustedProxies;
import org.wspubsub.core.internal.endpoint.KnownHeaders;

/**
 * Builds a {@link WebSocketService}. Every option has a documented default ({@code
 * docs/configuration.md}); {@link #build()} validates them all and names the first bad one.
 * Not thread-safe: configure it on one thread.
 */
public final class WebSocketServiceBuilder {

    private String path = "/ws";
    private String host = "0.0.0.0";
    private int port = 8080;
    private int maxConnections = 10_000;
    private int maxConnectionsPerAddress = 1_000;
    private Duration pingInterval = Duration.ofSeconds(30);
    private Duration pingTimeout = Duration.ofSeconds(10);
    private List<String> allowOrigins = List.of();
    private boolean requireAuthentication;
    private Duration authTimeout = Duration.ofSeconds(10);
    private List<String> keepHandshakeHeaders = List.of();
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private int maxPayloadSize = 1024 * 1024;
    private boolean perMessageDeflate;
    private Authenticator authenticator;
    private SubscribeAuthorizer subscribeAuthorizer = SubscribeAuthorizer.ALLOW_ALL;
    private PublishAuthorizer publishAuthorizer;
    private BrokerAdapter adapter;
    private MetricsListener metrics = MetricsListener.NONE;
    private int maxSubscriptionsPerConnection = 1_000;
    private int outboundQueueBytes = 1024 * 1024;
    private int outboundQueueMessages = 10_000;
    private Duration sendTimeout = Duration.ofSeconds(30);
    private Duration callbackTimeout = Duration.ofSeconds(5);
    private Duration publishTimeout = Duration.ofSeconds(5);
    private Duration adapterStartTimeout = Duration.ofSeconds(15);
    private Duration shutdownDrainPeriod = Duration.ofSeconds(1);
    private int callbackThreads = 16;
    private int callbackQueueSize = 10_000;
    private int fanOutThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int maxPendingRequests = 64;
    private String nodeId = UUID.randomUUID().toString();
    private final Map<String, HttpEndpoint> httpEndpoints = new LinkedHashMap<>();
    private List<String> trustedProxies = List.of();

    WebSocketServiceBuilder() {
    }

    /** The WebSocket path; default {@code /ws}. */
    public WebSocketServiceBuilder path(String path) {
        this.path = path;
        return this;
    }

    /** The address to bind; default {@code 0.0.0.0} (all interfaces). */
    public WebSocketServiceBuilder host(String host) {
        this.host = host;
        return this;
    }

    /** The port; {@code 0} picks a free one, readable with {@link WebSocketService#port()}. Default 8080. */
    public WebSocketServiceBuilder port(int port) {
        this.port = port;
        return this;
    }

    /** Open connections at most; the next handshake gets HTTP 503. Default 10,000. */
    public WebSocketServiceBuilder maxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
        return this;
    }

    /**
     * Open connections from one remote IP address at most; the next handshake from it gets HTTP 429.
     * Keep it well above what one NAT or proxy in front of many users needs. Default 1,000.
     */
    public WebSocketServiceBuilder maxConnectionsPerAddress(int max) {
        this.maxConnectionsPerAddress = max;
        return this;
    }

    /**
     * The reverse proxies and load balancers in front of the service, as addresses
     * ({@code 10.0.0.7}, {@code ::1}) or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8}). A
     * connection from one of them takes its client address from the {@code Forwarded} header
     * (RFC 7239), or else {@code X-Forwarded-For}: the right-most address that is not itself a
     * trusted proxy. That address is what {@code maxConnectionsPerAddress} counts and what
     * {@link org.wspubsub.api.Connection#remoteAddress()} shows (port {@code 0} when the proxy
     * gave none). These headers from any other peer are ignored: list only proxies that set or
     * overwrite them. Default: none (every connection's address is its TCP peer's).
     */
    public WebSocketServiceBuilder trustedProxies(String... addressesOrCidrBlocks) {
        this.trustedProxies = addressesOrCidrBlocks == null ? null : java.util.Arrays.asList(addressesOrCidrBlocks.clone());
        return this;
    }

    /** How often the server pings each connection. Default 30 s. */
    public WebSocketServiceBuilder pingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
        return this;
    }

    /** How long after a ping a silent connection is closed with 4000. Default 10 s. */
    public WebSocketServiceBuilder pingTimeout(Duration pingTimeout) {
        this.pingTimeout = pingTimeout;
        return this;
    }

    /**
     * Origins browsers may connect from, exactly as sent ({@code https://app.example.com}); others get
     * HTTP 403. Empty (the default) or {@code *} allows any. Requests without Origin (non-browser
     * clients) are always allowed.
     */
    public WebSocketServiceBuilder allowOrigins(String... origins) {
        this.allowOrigins = origins == null ? null : java.util.Arrays.asList(origins.clone());
        return this;
    }

    /** Whether a connection must authenticate before anything but {@code auth} and {@code ping}. Default false. */
    public WebSocketServiceBuilder requireAuthentication(boolean requireAuthentication) {
        this.requireAuthentication = requireAuthentication;
        return this;
    }

    /**
     * Credential headers a connection keeps after it is authenticated. Once authenticated, the
     * upgrade request a connection keeps (which the authenticator sees again for an {@code auth}
     * frame) drops the {@code Authorization} and {@code Cookie} headers and the {@code token} query
     * parameter, so no credential outlives the handshake; name {@code Authorization} or
     * {@code Cookie} here (any case) to keep it, for an authenticator that reads it on a refresh.
     * Default: none kept.
     */
    public WebSocketServiceBuilder keepHandshakeHeaders(String... names) {
        this.keepHandshakeHeaders = names == null ? null : java.util.Arrays.asList(names.clone());
        return this;
    }

    /** How long an unauthenticated connection may stay when authentication is required (then 4408). Default 10 s. */
    public WebSocketServiceBuilder authTimeout(Duration authTimeout) {
        this.authTimeout = authTimeout;
        return this;
    }

    /**
     * How long a TCP connection may stay without completing a WebSocket upgrade (and how long a plain
     * HTTP connection may stay idle) before it is closed: silent sockets and slowloris requests.
     * Upgraded connections are watched by ping liveness instead. Whole seconds. Default 10 s.
     */
    public WebSocketServiceBuilder handshakeTimeout(Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
        return this;
    }

    /** The largest client frame in bytes; larger closes with 1009. Default 1 MiB. */
    public WebSocketServiceBuilder maxPayloadSize(int maxPayloadSize) {
        this.maxPayloadSize = maxPayloadSize;
        return this;
    }

    /**
     * permessage-deflate compression (RFC 7692). Default off. When on, a client that offers it gets
     * it without context takeover in either direction: publications of 128 bytes or more are
     * compressed once per node and sent compressed to every such subscriber, a compressed client
     * message is inflated up to {@link #maxPayloadSize} and closes with 1009 beyond it, and an idle
     * connection keeps no compressor state. Off, the handshake answer carries no extension.
     */
    public WebSocketServiceBuilder perMessageDeflate(boolean perMessageDeflate) {
        this.perMessageDeflate = perMessageDeflate;
        return this;
    }

    /** Turns tokens into connection contexts. Default none: connections are anonymous. */
    public WebSocketServiceBuilder authenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
        return this;
    }

    /**
     * Decides subscriptions. Default {@link SubscribeAuthorizer#ALLOW_ALL}: everything is allowed,
     * without a callback hand-off.
     */
    public WebSocketServiceBuilder authorizeSubscribe(SubscribeAuthorizer authorizer) {
        this.subscribeAuthorizer = authorizer;
        return this;
    }

    /**
     * Decides client publishes. Default none: client publishing is denied.
     * {@link PublishAuthorizer#ALLOW_ALL} allows every one without a callback hand-off.
     */
    public WebSocketServiceBuilder authorizePublish(PublishAuthorizer authorizer) {
        this.publishAuthorizer = authorizer;
        return this;
    }

    /**
     * The broker adapter for this node (one instance per service; the service starts and closes it).
     * Default: the single adapter found through {@code ServiceLoader}, else the in-memory one.
     */
    public WebSocketServiceBuilder adapter(BrokerAdapter adapter) {
        this.adapter = adapter;
        return this;
    }

    /** Metrics hooks. Default {@link MetricsListener#NONE}. */
    public WebSocketServiceBuilder metrics(MetricsListener metrics) {
        this.metrics = metrics;
        return this;
    }

    /** Subscriptions one connection may hold. Default 1,000. */
    public WebSocketServiceBuilder maxSubscriptionsPerConnection(int max) {
        this.maxSubscriptionsPerConnection = max;
        return this;
    }

    /** Bytes queued or in flight per connection before it is closed as a slow consumer (4001). Default 1 MiB. */
    public WebSocketServiceBuilder outboundQueueBytes(int bytes) {
        this.outboundQueueBytes = bytes;
        return this;
    }

    /** Messages queued or in flight per connection before it is closed as a slow consumer (4001). Default 10,000. */
    public WebSocketServiceBuilder outboundQueueMessages(int messages) {
        this.outboundQueueMessages = messages;
        return this;
    }

    /**
     * How long one write to a connection may stay unfinished (the peer does not read, or is gone
     * without closing) before the connection is closed with 4001. Checked about once a second.
     * Default 30 s.
     */
    public WebSocketServiceBuilder sendTimeout(Duration timeout) {
        this.sendTimeout = timeout;
        return this;
    }

    /** How long the authenticator and authorizers may take before they count as failed. Default 5 s. */
    public WebSocketServiceBuilder callbackTimeout(Duration timeout) {
        this.callbackTimeout = timeout;
        return this;
    }

    /** How long the adapter may take to accept a publication before {@code publish} fails. Default 5 s. */
    public WebSocketServiceBuilder publishTimeout(Duration timeout) {
        this.publishTimeout = timeout;
        return this;
    }

    /**
     * How long {@code start()} waits for the adapter to start. Past it (or when the adapter fails),
     * {@code start()} closes the adapter, stops every thread it started and throws
     * {@link org.wspubsub.api.PubSubException}. Default 15 s.
     */
    public WebSocketServiceBuilder adapterStartTimeout(Duration timeout) {
        this.adapterStartTimeout = timeout;
        return this;
    }

    /** Over how long {@code stop()} spreads the 1001 closes, so clients do not all reconnect at once. Default 1 s. */
    public WebSocketServiceBuilder shutdownDrainPeriod(Duration period) {
        this.shutdownDrainPeriod = period;
        return this;
    }

    /** Threads that run host callbacks; a blocking callback holds one. Default 16. */
    public WebSocketServiceBuilder callbackThreads(int threads) {
        this.callbackThreads = threads;
        return this;
    }

    /**
     * Host callbacks that may wait for a free callback thread. When every thread is busy and this
     * many wait, a handshake that needs the authenticator gets HTTP 503, and a request that needs a
     * callback ({@code auth}, {@code subscribe} or {@code publish} with a host authorizer) gets
     * {@code error}/{@code rate_limited}; the client may retry. Default 10,000.
     */
    public WebSocketServiceBuilder callbackQueueSize(int size) {
        this.callbackQueueSize = size;
        return this;
    }

    /** Threads that write to sockets. Default: the number of cores, at least 2. */
    public WebSocketServiceBuilder fanOutThreads(int threads) {
        this.fanOutThreads = threads;
        return this;
    }

    /** Requests of one connection that may wait for an answer; more get {@code rate_limited}. Default 64. */
    public WebSocketServiceBuilder maxPendingRequests(int max) {
        this.maxPendingRequests = max;
        return this;
    }

    /** This node's id, unique in the cluster. Default: a random UUID. */
    public WebSocketServiceBuilder nodeId(String nodeId) {
        this.nodeId = nodeId;
        return this;
    }

    /**
     * Serves a plain HTTP endpoint at an exact path on the WebSocket port (for example {@code /health}).
     * Default: none.
     */
    public WebSocketServiceBuilder httpEndpoint(String path, HttpEndpoint endpoint) {
        if (path == null || !path.startsWith("/") || path.contains("?")) {
            throw new IllegalArgumentException("httpEndpoint path must start with '/' and have no query, got " + path);
        }
        httpEndpoints.put(path, Objects.requireNonNull(endpoint, "httpEndpoint endpoint"));
        return this;
    }

    /**
     * Validates the options and builds an unstarted service.
     *
     * @throws IllegalArgumentException naming the first invalid option
     */
    public WebSocketService build() {
        require(path != null && path.startsWith("/") && !path.contains("?"), "path",
                "must start with '/' and have no query, got " + path);
        require(host != null && !host.isBlank(), "host", "must not be blank");
        require(port >= 0 && port <= 65_535, "port", "must be 0 to 65535, got " + port);
        require(maxConnections > 0, "maxConnections", "must be positive, got " + maxConnections);
        require(maxConnectionsPerAddress > 0, "maxConnectionsPerAddress", "must be positive, got "
                + maxConnectionsPerAddress);
        require(trustedProxies != null, "trustedProxies", "must not be null");
        TrustedProxies proxies;
        try {
            proxies = TrustedProxies.parse(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trustedProxies " + e.getMessage(), e);
        }
        requirePositive(pingInterval, "pingInterval");
        requirePositive(pingTimeout, "pingTimeout");
        require(allowOrigins != null && allowOrigins.stream().allMatch(o -> o != null && !o.isBlank()),
                "allowOrigins", "must not contain null or blank entries");
        requirePositive(authTimeout, "authTimeout");
        require(keepHandshakeHeaders != null && keepHandshakeHeaders.stream().allMatch(
                        name -> name != null && KnownHeaders.credential(name.trim().toLowerCase(Locale.ROOT))),
                "keepHandshakeHeaders", "may name only Authorization and Cookie (the headers dropped after "
                        + "authentication; every other header is kept anyway), got " + keepHandshakeHeaders);
        require(handshakeTimeout != null && handshakeTimeout.toSeconds() >= 1, "handshakeTimeout",
                "must be at least 1 second, got " + handshakeTimeout);
        require(maxPayloadSize >= 256, "maxPayloadSize", "must be at least 256 bytes, got " + maxPayloadSize);
        require(!requireAuthentication || authenticator != null, "requireAuthentication",
                "needs an authenticator: set authenticator(...) too");
        require(subscribeAuthorizer != null, "authorizeSubscribe", "must not be null");
        require(metrics != null, "metrics", "must not be null (use MetricsListener.NONE)");
        require(maxSubscriptionsPerConnection > 0, "maxSubscriptionsPerConnection", "must be positive");
        require(outboundQueueBytes >= 1024, "outboundQueueBytes", "must be at least 1024, got " + outboundQueueBytes);
        require(outboundQueueMessages > 0, "outboundQueueMessages", "must be positive");
        requirePositive(sendTimeout, "sendTimeout");
        requirePositive(callbackTimeout, "callbackTimeout");
        requirePositive(publishTimeout, "publishTimeout");
        requirePositive(adapterStartTimeout, "adapterStartTimeout");
        require(shutdownDrainPeriod != null && !shutdownDrainPeriod.isNegative(), "shutdownDrainPeriod",
                "must be zero or positive");
        require(callbackThreads > 0, "callbackThreads", "must be positive");
        require(callbackQueueSize > 0, "callbackQueueSize", "must be positive, got " + callbackQueueSize);
        require(fanOutThreads > 0, "fanOutThreads", "must be positive");
        require(maxPendingRequests > 0, "maxPendingRequests", "must be positive");
        require(nodeId != null && !nodeId.isBlank(), "nodeId", "must not be blank");
        require(!httpEndpoints.containsKey(path), "httpEndpoint", "path " + path + " is the WebSocket path");
        return new WebSocketService(new ServiceConfig(path, host, port, maxConnections, maxConnectionsPerAddress, pingInterval, pingTimeout,
                Set.copyOf(new LinkedHashSet<>(allowOrigins)), requireAuthentication,
                keepHandshakeHeaders.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()), authTimeout, handshakeTimeout, maxPayloadSize,
                perMessageDeflate, authenticator,
                subscribeAuthorizer, publishAuthorizer, adapter, metrics, maxSubscriptionsPerConnection,
                outboundQueueBytes, outboundQueueMessages, sendTimeout, callbackTimeout, publishTimeout, adapterStartTimeout, shutdownDrainPeriod,
                callbackThreads, callbackQueueSize, fanOutThreads, maxPendingRequests, nodeId, Map.copyOf(httpEndpoints), proxies));
    }

    private static void require(boolean ok, String option, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(option + " " + problem);
        }
    }

    private static void requirePositive(Duration d, String option) {
        require(d != null && !d.isZero() && !d.isNegative(), option, "must be a positive duration, got " + d);
        Objects.requireNonNull(d);
    }
}
