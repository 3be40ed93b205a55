package org.wspubsub.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.adapter.redis.internal.ChannelNames;
import org.wspubsub.adapter.redis.internal.Envelope;
import org.wspubsub.adapter.redis.internal.Interests;
import org.wspubsub.adapter.redis.internal.PatternRegistry;
import org.wspubsub.adapter.redis.internal.RedisLink;
import org.wspubsub.api.AdapterUnavailableException;
import org.wspubsub.api.Topics;
import org.wspubsub.api.adapter.AdapterContext;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerMessage;

/**
 * A broker adapter over Redis pub/sub (Lettuce), for many nodes in many processes.
 *
 * <p><b>Routing.</b> A node subscribes only to what its own connections use: an exact topic is the
 * channel {@code <prefix>:<topic>}, a pattern a Redis glob under the prefix (filtered locally,
 * since a Redis {@code *} also matches dots). A publication crosses Redis once, as the frame the
 * publishing node already encoded plus its node id; the publishing node ignores its own echo.
 * Against a Redis Cluster, exact topics use sharded pub/sub ({@code SSUBSCRIBE}/{@code SPUBLISH}),
 * so a publication goes to one shard; patterns use classic pub/sub (see {@code docs/adapters.md}).
 *
 * <p><b>Faults.</b> Commands are rejected at once while Redis is unreachable (no buffering), and
 * every publish is bounded by the command timeout: it fails with
 * {@link AdapterUnavailableException}. The adapter reconnects by itself (jittered backoff), reports
 * {@code DOWN}/{@code UP} to the node, and restores every subscription when Redis is back.
 *
 * <p><b>Ownership.</b> Built from a URI, the adapter creates and shuts down its own Lettuce client.
 * Built from a client the host passes in, it opens and closes only its two connections and never
 * touches the client or its resources (the host's client options then apply).
 *
 * <p>Thread-safe. Lettuce calls back on its event loop; nothing there blocks.
 */
public final class RedisAdapter implements BrokerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);
    private static final int CLUSTER_REQUEST_QUEUE = 1_000;
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final Options options;
    private final ChannelNames names;
    private final Interests interests = new Interests();
    private final Object patternLock = new Object();
    private volatile AdapterState state = AdapterState.STARTING;
    private volatile AdapterContext context;
    private volatile RedisLink link;
    private volatile PatternRegistry patternRegistry;
    /** False after a liveness probe found the subscription connection silent, until a probe succeeds. */
    private volatile boolean probeHealthy = true;
    private volatile io.netty.util.concurrent.ScheduledFuture<?> probe;
    private volatile byte[] nodeId;
    private RedisClient ownClient;
    private RedisClusterClient ownClusterClient;
    private ClientResources ownResources;

    private RedisAdapter(Options options) {
        this.options = options;
        this.names = new ChannelNames(options.channelPrefix);
    }

    /** An adapter for the standalone Redis at {@code redisUri} ({@code redis://host:port}), with its own client. */
    public static RedisAdapter create(String redisUri) {
        return builder().uri(redisUri).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return options.cluster() ? "redis-cluster" : "redis";
    }

    @Override
    public synchronized CompletionStage<Void> start(AdapterContext context) {
        Objects.requireNonNull(context, "context");
        if (state != AdapterState.STARTING || this.context != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the Redis adapter was already started; create one adapter per service"));
        }
        try {
            this.nodeId = Envelope.nodeIdBytes(context.nodeId());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        this.context = context;
        return CompletableFuture.runAsync(this::connect, RedisAdapter::onOwnThread)
                .thenRun(() -> {
                    changeState(link.isUp() ? AdapterState.UP : AdapterState.DOWN);
                    startProbe();
                });
    }

    /** Runs blocking Lettuce lifecycle calls (connect, shutdown) on a short-lived daemon thread. */
    private static void onOwnThread(Runnable runnable) {
        Thread t = new Thread(runnable, "wspubsub-redis-lifecycle");
        t.setDaemon(true);
        t.start();
    }

    private void connect() {
        try {
            RedisLink.Events events = new RedisLink.Events() {
                @Override
                public void onMessage(String channel, String glob, byte[] envelope) {
                    receive(channel, glob, envelope);
                }

                @Override
                public void onConnectionChange() {
                    refreshState();
                }
            };
            if (options.cluster()) {
                RedisClusterClient client = options.clusterClient != null ? options.clusterClient : ownClusterClient();
                StatefulRedisClusterPubSubConnection<String, byte[]> pubsub = client.connectPubSub(CODEC);
                pubsub.setNodeMessagePropagation(true);
                StatefulRedisClusterConnection<String, byte[]> commands = client.connect(CODEC);
                link = new RedisLink(pubsub, commands, commands.async(), true, events);
                patternRegistry = new PatternRegistry(commands.async(), client.getResources().eventExecutorGroup(),
                        options.channelPrefix, context.nodeId());
                patternRegistry.start();
            } else {
                RedisClient client = options.client != null ? options.client : ownClient();
                StatefulRedisPubSubConnection<String, byte[]> pubsub = client.connectPubSub(CODEC);
                StatefulRedisConnection<String, byte[]> commands = client.connect(CODEC);
                link = new RedisLink(pubsub, commands, commands.async(), false, events);
            }
        } catch (RuntimeException e) {
            shutdownOwnClient();
            throw new AdapterUnavailableException("could not connect to Redis at " + options.describe()
                    + ": " + e.getMessage() + "; check that Redis is running and reachable", e);
        }
    }

    private RedisClient ownClient() {
        ownResources = resources();
        ownClient = RedisClient.create(ownResources, RedisURI.create(options.uris.get(0)));
        ownClient.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(options.requestQueueSize)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout))
                .build());
        return ownClient;
    }

    private RedisClusterClient ownClusterClient() {
        ownResources = resources();
        List<RedisURI> uris = new ArrayList<>();
        options.uris.forEach(u -> uris.add(RedisURI.create(u)));
        ownClusterClient = RedisClusterClient.create(ownResources, uris);
        // Per-shard connections open lazily, so rejecting commands while "disconnected" would refuse the
        // first command to every shard. A small queue plus the command timeout keeps an outage bounded.
        ownClusterClient.setOptions(ClusterClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .requestQueueSize(CLUSTER_REQUEST_QUEUE)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout))
                .build());
        return ownClusterClient;
    }

    private ClientResources resources() {
        return ClientResources.builder()
                .reconnectDelay(Delay.fullJitter(options.reconnectMin, options.reconnectMax, 100, TimeUnit.MILLISECONDS))
                .build();
    }

    /**
     * Pings the subscription connection every probe interval. A connection that is open but silent
     * (a paused or black-holed Redis: nothing closes the socket, so Lettuce notices nothing) makes
     * the adapter DOWN and is dropped so that Lettuce reconnects it; the adapter is UP again only
     * once a probe is answered, and then restores every interest.
     */
    private void startProbe() {
        long every = options.probeInterval.toMillis();
        probe = timers().scheduleAtFixedRate(this::runProbe, every, every, TimeUnit.MILLISECONDS);
    }

    private void runProbe() {
        RedisLink current = link;
        if (current == null || state == AdapterState.CLOSED) {
            return;
        }
        CompletableFuture<Void> ping;
        try {
            ping = current.pingSubscriptions().toCompletableFuture();
        } catch (RuntimeException e) {
            ping = CompletableFuture.failedFuture(e);
        }
        ping.orTimeout(options.probeTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, error) -> {
            if (error == null) {
                if (!probeHealthy) {
                    probeHealthy = true;
                    log.info("Redis at {} answers the liveness probe again", options.describe());
                    refreshState();
                }
            } else if (probeHealthy && state != AdapterState.CLOSED) {
                probeHealthy = false;
                log.warn("Redis at {} did not answer the liveness probe within {} ms; reconnecting the "
                        + "subscription connection", options.describe(), options.probeTimeout.toMillis());
                refreshState();
                current.reconnectSubscriptions();
            }
        });
    }

    @Override
    public CompletionStage<Void> subscribe(String topicOrPattern) {
        RedisLink current = link;
        if (current == null || state == AdapterState.CLOSED) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Redis adapter is " + state));
        }
        if (!Topics.isPattern(topicOrPattern)) {
            if (!interests.addExact(topicOrPattern)) {
                return CompletableFuture.completedFuture(null);
            }
            return bounded(subscribeExact(current, topicOrPattern), "subscribe to " + topicOrPattern);
        }
        String glob = names.glob(topicOrPattern);
        CompletionStage<Void> subscribed;
        synchronized (patternLock) {
            int added = interests.addPattern(topicOrPattern, glob);
            if (added == 0) {
                return CompletableFuture.completedFuture(null);
            }
            subscribed = added == 1 ? current.subscribeGlob(glob) : CompletableFuture.completedFuture(null);
            PatternRegistry registry = patternRegistry;
            if (registry != null) {
                // in a cluster, other nodes must know to send classic copies before this pattern counts as held
                CompletionStage<Void> announced = registry.localPatterns(true);
                subscribed = subscribed.thenCombine(announced, (a, b) -> null);
            }
        }
        return bounded(subscribed, "subscribe to " + topicOrPattern);
    }

    /** SUBSCRIBE (or SSUBSCRIBE); once Redis confirms, the exact channel becomes the topic's canonical route. */
    private CompletionStage<Void> subscribeExact(RedisLink current, String topic) {
        return current.subscribeChannel(names.channel(topic)).thenRun(() -> interests.confirmExact(topic));
    }

    @Override
    public CompletionStage<Void> unsubscribe(String topicOrPattern) {
        RedisLink current = link;
        if (current == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (!Topics.isPattern(topicOrPattern)) {
            if (!interests.removeExact(topicOrPattern)) {
                return CompletableFuture.completedFuture(null);
            }
            return bounded(current.unsubscribeChannel(names.channel(topicOrPattern)),
                    "unsubscribe from " + topicOrPattern);
        }
        synchronized (patternLock) {
            String unusedGlob = interests.removePattern(topicOrPattern);
            PatternRegistry registry = patternRegistry;
            if (registry != null && !interests.hasPatterns()) {
                registry.localPatterns(false);
            }
            if (unusedGlob == null) {
                return CompletableFuture.completedFuture(null);
            }
            return bounded(current.unsubscribeGlob(unusedGlob), "unsubscribe from " + topicOrPattern);
        }
    }

    @Override
    public CompletionStage<Void> publish(BrokerMessage message) {
        RedisLink current = link;
        if (current == null || state == AdapterState.CLOSED) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the Redis adapter is " + state + "; publish after start and before close"));
        }
        byte[] envelope = Envelope.encode(nodeId, message.payload());
        CompletionStage<Void> sent;
        try {
            PatternRegistry registry = patternRegistry;
            sent = current.publish(names.channel(message.topic()), envelope,
                    registry != null && registry.otherNodesHavePatterns());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return bounded(sent, "publish to " + message.topic());
    }

    /** Bounds a Redis command by the command timeout and turns any failure into AdapterUnavailableException. */
    private CompletionStage<Void> bounded(CompletionStage<Void> command, String what) {
        return command.toCompletableFuture()
                .orTimeout(options.commandTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, error) -> {
                    if (error == null) {
                        return null;
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    throw new CompletionException(new AdapterUnavailableException("Redis at " + options.describe()
                            + " is unavailable (" + what + " failed: " + cause + "); the adapter keeps reconnecting",
                            cause));
                });
    }

    private void receive(String channel, String glob, byte[] envelope) {
        AdapterContext ctx = context;
        if (ctx == null || state == AdapterState.CLOSED) {
            return;
        }
        if (!Envelope.isValid(envelope)) {
            log.debug("ignoring a message that is not a wspubsub envelope on channel={}", channel);
            return;
        }
        if (Envelope.isFrom(envelope, nodeId)) {
            return;
        }
        String topic = names.topic(channel);
        if (topic == null || Topics.checkTopic(topic).isPresent()) {
            return;
        }
        if (!interests.accept(topic, glob)) {
            return;
        }
        try {
            ctx.listener().onMessage(BrokerMessage.of(topic, Envelope.payload(envelope), Envelope.origin(envelope)));
        } catch (RuntimeException e) {
            log.error("node={} failed to take a publication topic={}", ctx.nodeId(), topic, e);
        }
    }

    private synchronized void refreshState() {
        RedisLink current = link;
        if (current == null || state == AdapterState.CLOSED || state == AdapterState.STARTING) {
            return;
        }
        AdapterState next = current.isUp() && probeHealthy ? AdapterState.UP : AdapterState.DOWN;
        if (next == state) {
            return;
        }
        changeState(next);
        if (next == AdapterState.UP) {
            resubscribeAll(current);
        }
    }

    /**
     * Sends every interest again: Redis treats repeats as no-ops, and anything rejected while down is
     * restored. A subscription that fails is reported and retried with backoff until it succeeds,
     * the interest is dropped, or the link goes down (the next recovery starts over).
     */
    private void resubscribeAll(RedisLink current) {
        interests.forEach(topic -> restore(current, "subscription to " + topic,
                        () -> subscribeExact(current, topic), () -> interests.holdsExact(topic), 0),
                glob -> restore(current, "pattern subscription " + glob,
                        () -> current.subscribeGlob(glob), () -> interests.holdsGlob(glob), 0));
    }

    private void restore(RedisLink current, String what, java.util.function.Supplier<CompletionStage<Void>> send,
                         java.util.function.BooleanSupplier stillWanted, int attempt) {
        CompletionStage<Void> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.toCompletableFuture().orTimeout(options.commandTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, error) -> {
                    if (error == null) {
                        if (attempt > 0) {
                            log.info("restored the {} after {} retries", what, attempt);
                        }
                        return;
                    }
                    log.warn("restoring the {} failed (attempt {}): {}", what, attempt + 1, error.toString());
                    AdapterContext ctx = context;
                    if (ctx != null) {
                        try {
                            ctx.listener().onError("could not restore the " + what, error);
                        } catch (RuntimeException ignored) {
                            // a listener failure must not stop the retries
                        }
                    }
                    if (state != AdapterState.UP || link != current || !stillWanted.getAsBoolean()) {
                        return; // the next recovery resubscribes everything again
                    }
                    long delay = Math.min(5_000, 100L << Math.min(attempt, 6));
                    timers().schedule(() -> restore(current, what, send, stillWanted, attempt + 1),
                            delay, TimeUnit.MILLISECONDS);
                });
    }

    private io.netty.util.concurrent.EventExecutorGroup timers() {
        return options.clusterClient != null ? options.clusterClient.getResources().eventExecutorGroup()
                : options.client != null ? options.client.getResources().eventExecutorGroup()
                : ownResources != null ? ownResources.eventExecutorGroup()
                : ownClusterClient.getResources().eventExecutorGroup();
    }

    private synchronized void changeState(AdapterState next) {
        AdapterState previous = state;
        if (previous == next || previous == AdapterState.CLOSED) {
            return;
        }
        state = next;
        if (next == AdapterState.DOWN) {
            log.warn("Redis at {} is unreachable: publishes fail until it is back", options.describe());
        } else if (next == AdapterState.UP && previous == AdapterState.DOWN) {
            log.info("Redis at {} is reachable again; subscriptions restored", options.describe());
        }
        AdapterContext ctx = context;
        if (ctx != null) {
            try {
                ctx.listener().onStateChange(previous, next);
            } catch (RuntimeException e) {
                log.warn("state listener failed", e);
            }
        }
    }

    @Override
    public AdapterState state() {
        return state;
    }

    @Override
    public CompletionStage<Void> close() {
        RedisLink current;
        synchronized (this) {
            if (state == AdapterState.CLOSED) {
                return CompletableFuture.completedFuture(null);
            }
            changeState(AdapterState.CLOSED);
            current = link;
            if (probe != null) {
                probe.cancel(false);
            }
            interests.clear();
        }
        PatternRegistry registry = patternRegistry;
        CompletionStage<Void> unregistered = registry == null ? CompletableFuture.completedFuture(null)
                : registry.close().toCompletableFuture().completeOnTimeout(null, 1, TimeUnit.SECONDS);
        CompletionStage<Void> closed = unregistered.thenCompose(ignored ->
                current == null ? CompletableFuture.completedFuture(null) : current.close());
        // never on Lettuce's event loop: shutting the client down waits for that very loop to end
        return closed.handleAsync((ok, error) -> null, RedisAdapter::onOwnThread)
                .thenRunAsync(this::shutdownOwnClient, RedisAdapter::onOwnThread);
    }

    private void shutdownOwnClient() {
        if (ownClient != null) {
            ownClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (ownClusterClient != null) {
            ownClusterClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (ownResources != null) {
            ownResources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** The adapter's validated options. */
    private record Options(List<String> uris, RedisClient client, RedisClusterClient clusterClient, boolean clusterMode,
                           String channelPrefix, Duration commandTimeout, Duration reconnectMin, Duration reconnectMax,
                           int requestQueueSize, Duration probeInterval, Duration probeTimeout) {
        boolean cluster() {
            return clusterMode;
        }

        String describe() {
            if (!uris.isEmpty()) {
                return String.join(",", uris.stream().map(RedisAdapter::withoutPassword).toList());
            }
            return clusterMode ? "the host's cluster client" : "the host's client";
        }
    }

    private static String withoutPassword(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    /**
     * Configures a {@link RedisAdapter}. Exactly one source: {@link #uri}, {@link #clusterUris},
     * {@link #client} or {@link #clusterClient}. Not thread-safe.
     */
    public static final class Builder {
        private final List<String> uris = new ArrayList<>();
        private RedisClient client;
        private RedisClusterClient clusterClient;
        private boolean clusterMode;
        private String channelPrefix = "websocket_messages";
        private Duration commandTimeout = Duration.ofSeconds(2);
        private Duration reconnectMin = Duration.ofMillis(50);
        private Duration reconnectMax = Duration.ofSeconds(2);
        private int requestQueueSize = 10_000;
        private Duration probeInterval = Duration.ofSeconds(5);
        private Duration probeTimeout = Duration.ofSeconds(2);

        private Builder() {
        }

        /** A standalone Redis, {@code redis://host:port} (or {@code rediss://…}); the adapter owns its client. */
        public Builder uri(String redisUri) {
            uris.clear();
            uris.add(Objects.requireNonNull(redisUri, "uri"));
            clusterMode = false;
            return this;
        }

        /** A Redis Cluster, given one or more seed nodes; the adapter owns its client. */
        public Builder clusterUris(String... seedUris) {
            uris.clear();
            uris.addAll(List.of(seedUris));
            clusterMode = true;
            return this;
        }

        /** A standalone Redis through the host's client; the adapter never closes or reconfigures it. */
        public Builder client(RedisClient hostClient) {
            this.client = Objects.requireNonNull(hostClient, "client");
            clusterMode = false;
            return this;
        }

        /** A Redis Cluster through the host's client; the adapter never closes or reconfigures it. */
        public Builder clusterClient(RedisClusterClient hostClient) {
            this.clusterClient = Objects.requireNonNull(hostClient, "clusterClient");
            clusterMode = true;
            return this;
        }

        /** The channel prefix, default {@code websocket_messages}. */
        public Builder channelPrefix(String prefix) {
            this.channelPrefix = prefix;
            return this;
        }

        /** How long a publish or subscribe may take before it fails; default 2 s. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = timeout;
            return this;
        }

        /** The bounds of the jittered reconnect backoff of the adapter's own client; default 50 ms to 2 s. */
        public Builder reconnectDelay(Duration min, Duration max) {
            this.reconnectMin = min;
            this.reconnectMax = max;
            return this;
        }

        /**
         * How often the subscription connection is pinged, and how long an answer may take before the
         * connection counts as dead (a paused or black-holed Redis); default every 5 s, 2 s.
         */
        public Builder livenessProbe(Duration interval, Duration timeout) {
            this.probeInterval = interval;
            this.probeTimeout = timeout;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid option */
        public RedisAdapter build() {
            int sources = (uris.isEmpty() ? 0 : 1) + (client == null ? 0 : 1) + (clusterClient == null ? 0 : 1);
            if (sources != 1) {
                throw new IllegalArgumentException("set exactly one of uri, clusterUris, client or clusterClient");
            }
            for (String uri : uris) {
                try {
                    RedisURI.create(uri);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("uri is not a Redis URI: " + withoutPassword(uri), e);
                }
            }
            if (channelPrefix == null || channelPrefix.isEmpty() || channelPrefix.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("channelPrefix must be non-empty without whitespace");
            }
            if (commandTimeout == null || commandTimeout.isZero() || commandTimeout.isNegative()) {
                throw new IllegalArgumentException("commandTimeout must be positive");
            }
            if (reconnectMin == null || reconnectMax == null || reconnectMin.isNegative()
                    || reconnectMax.compareTo(reconnectMin) < 0) {
                throw new IllegalArgumentException("reconnectDelay needs 0 <= min <= max");
            }
            if (probeInterval == null || probeTimeout == null || probeInterval.toMillis() < 10
                    || probeTimeout.toMillis() < 10) {
                throw new IllegalArgumentException("livenessProbe needs an interval and a timeout of at least 10 ms");
            }
            return new RedisAdapter(new Options(List.copyOf(uris), client, clusterClient, clusterMode, channelPrefix,
                    commandTimeout, reconnectMin, reconnectMax, requestQueueSize, probeInterval, probeTimeout));
        }
    }
}
