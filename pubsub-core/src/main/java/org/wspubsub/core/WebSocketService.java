package org.wspubsub.core;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.IWebSocketService;
import org.wspubsub.api.PubSubException;
import org.wspubsub.api.Topics;
import org.wspubsub.api.adapter.AdapterContext;
import org.wspubsub.api.adapter.AdapterState;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.core.internal.ServiceConfig;
import org.wspubsub.core.internal.endpoint.Authentication;
import org.wspubsub.core.internal.endpoint.ClientConnection;
import org.wspubsub.core.internal.endpoint.ConnectionRegistry;
import org.wspubsub.core.internal.endpoint.EndpointRuntime;
import org.wspubsub.core.internal.endpoint.FanOutWorkers;
import org.wspubsub.core.internal.endpoint.WriterRounds;
import org.wspubsub.core.internal.endpoint.HandshakeHandOff;
import org.wspubsub.core.internal.endpoint.LivenessMonitor;
import org.wspubsub.core.internal.endpoint.PubSubEndpoint;
import org.wspubsub.core.internal.endpoint.RequestDispatcher;
import org.wspubsub.core.internal.host.Deadlines;
import org.wspubsub.core.internal.host.HostCallbacks;
import org.wspubsub.core.internal.host.MetricsDispatcher;
import org.wspubsub.core.internal.host.NamedThreads;
import org.wspubsub.core.internal.host.RequestThread;
import org.wspubsub.core.internal.hub.Hub;
import org.wspubsub.core.internal.hub.Publisher;
import org.wspubsub.core.internal.protocol.CloseCodes;
import org.wspubsub.core.internal.protocol.JsonCodec;
import org.wspubsub.core.internal.protocol.OutboundFrame;
import org.wspubsub.core.internal.protocol.PublicationEncoder;
import org.wspubsub.core.internal.protocol.ServerFrames;
import org.wspubsub.core.internal.tyrus.StandaloneServer;
import org.wspubsub.core.internal.tyrus.TyrusTransportFactory;

/**
 * A pub/sub WebSocket server node: the protocol v1 endpoint on a standalone Tyrus/Grizzly server,
 * the topic hub, and a broker adapter that carries publications to the other nodes.
 *
 * <pre>{@code
 * WebSocketService service = WebSocketService.builder()
 *     .port(8080)
 *     .authenticator((token, request) -> tokens.verify(token))
 *     .build()
 *     .start();
 * IWebSocketService ws = service;   // inject this into business services
 * ws.publish("user.42.notifications", Map.of("type", "notification", "text", "hi"));
 * }</pre>
 *
 * <p>Lifecycle: built, {@link #start()}ed once, {@link #stop()}ped once (further calls do
 * nothing); it cannot be restarted. Thread-safe: {@link #publish} from any thread. The service owns
 * its adapter (starts and closes it) and its threads: a fan-out pool that writes to sockets, a
 * callback pool for the host's authenticator and authorizers, one timer thread, one thread that
 * watches callback and publish deadlines, and one metrics thread, all named
 * {@code wspubsub-<n>-<role>-<i>} with an {@code n} of their service's own. A {@code start()} that
 * fails closes the adapter and stops them all before it throws.
 */
public final class WebSocketService implements IWebSocketService, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebSocketService.class);
    /** Numbers the services of this JVM, so each one's threads carry a name of their own. */
    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();
    /** How late a callback or publish timeout may fire at most. */
    private static final Duration DEADLINE_TICK = Duration.ofMillis(10);

    private enum State { NEW, RUNNING, STOPPED }

    private final ServiceConfig config;
    /** How every thread this service starts is named: {@code wspubsub-<n>-callback-1}, … */
    private final String threadPrefix = "wspubsub-" + INSTANCES.incrementAndGet() + "-";
    private MetricsDispatcher metrics;
    private volatile State state = State.NEW;
    private BrokerAdapter adapter;
    private EndpointRuntime runtime;
    private Publisher publisher;
    /** Bounds callbacks and publishes; ticks often enough for the shortest timeout anyone configures. */
    private Deadlines deadlines;
    private PublicationEncoder encoder;
    private StandaloneServer server;
    private LivenessMonitor liveness;
    private ExecutorService callbackExecutor;

    WebSocketService(ServiceConfig config) {
        this.config = config;
    }

    /** A builder with every option at its documented default. */
    public static WebSocketServiceBuilder builder() {
        return new WebSocketServiceBuilder();
    }

    /**
     * Starts the adapter and the server, on the calling thread. When it fails, the adapter is closed
     * and every thread the service started is stopped before it throws; the service cannot be
     * started again (build a new one).
     *
     * @return this service
     * @throws IllegalStateException when it was already started, or the adapter cannot be chosen
     * @throws PubSubException when the adapter fails to start or does not within
     *         {@code adapterStartTimeout}, or the port cannot be bound
     */
    public synchronized WebSocketService start() {
        if (state != State.NEW) {
            throw new IllegalStateException("the service was already started (state " + state
                    + "); build a new one to start again");
        }
        state = State.STOPPED; // until it runs: a start that fails leaves a service that cannot start again
        metrics = new MetricsDispatcher(config.metrics(), threadPrefix + "metrics");
        JsonCodec codec = new JsonCodec(config.maxPayloadSize());
        encoder = new PublicationEncoder(codec);
        try {
            adapter = config.adapter() != null ? config.adapter() : AdapterResolver.resolve(getClass().getClassLoader());
        } catch (RuntimeException e) {
            metrics.shutdown();
            throw e;
        }
        FanOutWorkers writers = new FanOutWorkers(config.fanOutThreads(), threadPrefix + "fanout");
        Hub<ClientConnection> hub = new Hub<>(adapter, metrics, new WriterRounds(writers.size()));
        ExecutorService fanOut = Executors.newFixedThreadPool(2, NamedThreads.daemon(threadPrefix + "close"));
        // bounded: past callbackQueueSize waiting callbacks, HostCallbacks answers "busy" instead of queueing more
        callbackExecutor = new ThreadPoolExecutor(config.callbackThreads(), config.callbackThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.callbackQueueSize()), RequestThread.factory(threadPrefix + "callback"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon(threadPrefix + "timer"));
        deadlines = new Deadlines(threadPrefix + "deadlines", DEADLINE_TICK);
        HostCallbacks callbacks = new HostCallbacks(config.authenticator(), config.subscribeAuthorizer(),
                config.publishAuthorizer(), callbackExecutor, deadlines, config.callbackTimeout(), metrics);
        runtime = new EndpointRuntime(config, codec, new ServerFrames(codec), encoder, hub, callbacks, metrics,
                new ConnectionRegistry(), writers, fanOut, timer, new TyrusTransportFactory(), new EndpointRuntime.Lifecycle());
        publisher = new Publisher(hub, adapter, config.nodeId(), deadlines, config.publishTimeout(), metrics);
        Duration startTimeout = config.adapterStartTimeout();
        try {
            CompletionStage<Void> started = adapter.start(new AdapterContext(config.nodeId(), hub));
            if (started == null) {
                throw new IllegalStateException("start returned null instead of a CompletionStage");
            }
            started.toCompletableFuture().get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            String why = cause instanceof java.util.concurrent.TimeoutException
                    ? "did not start within " + startTimeout.toMillis() + " ms (adapterStartTimeout)"
                    : "failed to start (" + cause.getMessage() + ")";
            releaseAfterFailedStart();
            throw new PubSubException("the " + adapter.name() + " adapter " + why
                    + "; check that its broker is reachable", cause);
        }
        HandshakeHandOff handOff = new HandshakeHandOff();
        server = new StandaloneServer(runtime, newEndpoint(handOff), handOff);
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            server.stop();
            releaseAfterFailedStart();
            throw new PubSubException("could not listen on " + config.host() + ":" + config.port()
                    + " (" + e.getMessage() + "); choose another port or host", e);
        }
        liveness = new LivenessMonitor(runtime);
        liveness.start();
        state = State.RUNNING;
        if (!TyrusTransportFactory.rawWritesAvailable()) {
            log.warn("batched raw frame writes are unavailable with this Tyrus version ({}); using per-message sends",
                    TyrusTransportFactory.rawWritesUnavailableBecause().toString());
        }
        log.info("node {} started on port {} with the {} adapter", config.nodeId(), server.port(), adapter.name());
        return this;
    }

    /**
     * Undoes a {@code start()} that failed after the adapter was asked to start: closes the adapter
     * (one that failed, or has not answered yet, may hold connections or threads of its own) and
     * stops every thread the service started.
     */
    private void releaseAfterFailedStart() {
        closeAdapter();
        shutdownExecutors();
        metrics.shutdown();
    }

    /** Closes the adapter, waiting a bounded time; a failure is logged, not thrown. */
    private void closeAdapter() {
        try {
            CompletionStage<Void> closed = adapter.close();
            if (closed != null) {
                closed.toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            log.warn("the {} adapter did not close cleanly", adapter.name(), e);
        }
    }

    /**
     * Stops the node: refuses new connections and publishes (HTTP 503, failed stages), writes out
     * what is already queued for each connection and closes it with {@code 1001}, spread over
     * {@code shutdownDrainPeriod}, waits (bounded) for the close handshakes, then stops the server,
     * closes the adapter and releases the port. A publication whose stage completed before
     * {@code stop()} reaches its local subscribers. Idempotent.
     */
    public synchronized void stop() {
        if (state != State.RUNNING) {
            state = State.STOPPED;
            return;
        }
        state = State.STOPPED;
        runtime.lifecycle().stopAccepting();
        liveness.stop();
        drainConnections();
        server.stop();
        closeAdapter();
        shutdownExecutors();
        metrics.shutdown();
        log.info("node {} stopped", config.nodeId());
    }

    private void drainConnections() {
        var connections = runtime.registry().snapshot();
        long drainMillis = config.shutdownDrainPeriod().toMillis();
        int batches = (int) Math.max(1, Math.min(connections.size(), drainMillis / 50));
        int perBatch = (connections.size() + batches - 1) / Math.max(1, batches);
        int i = 0;
        for (ClientConnection connection : connections) {
            // what was already queued (acknowledged publications) goes out before the 1001
            connection.closeAfterFlush(CloseCodes.GOING_AWAY, "server shutting down");
            if (++i % Math.max(1, perBatch) == 0 && batches > 1) {
                pause(drainMillis / batches);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (runtime.registry().size() > 0 && System.nanoTime() < deadline) {
            pause(20);
        }
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdownExecutors() {
        if (runtime != null) {
            runtime.timer().shutdownNow();
            runtime.fanOut().shutdown();
            runtime.writers().shutdown(2_000);
        }
        if (callbackExecutor != null) {
            callbackExecutor.shutdownNow();
        }
        if (deadlines != null) {
            deadlines.close();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public CompletionStage<Void> publish(String topic, Object message) {
        if (state != State.RUNNING) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the service is " + state + "; publish after start() and before stop()"));
        }
        if (topic == null || message == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    (topic == null ? "topic" : "message") + " must not be null"));
        }
        Optional<String> problem = Topics.checkTopic(topic);
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "invalid topic '" + topic + "': " + problem.get()));
        }
        byte[] payload;
        try {
            payload = encoder.encodeHostMessage(topic, message);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        int frameBytes = OutboundFrame.sizeOf(payload.length);
        if (frameBytes > config.outboundQueueBytes()) {
            // it could never fit in a subscriber's queue: each one would be closed as a slow consumer
            return CompletableFuture.failedFuture(new IllegalArgumentException("the publication on topic '" + topic
                    + "' takes " + frameBytes + " bytes, more than outboundQueueBytes (" + config.outboundQueueBytes()
                    + "), so no subscriber could receive it; publish smaller messages or raise outboundQueueBytes"));
        }
        return publisher.publish(topic, payload);
    }

    @Override
    public int connectionCount() {
        EndpointRuntime rt = runtime;
        return rt == null ? 0 : rt.registry().size();
    }

    /** The bound port (useful with port 0); -1 before {@link #start()}. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /** This node's id, unique in the cluster. */
    public String nodeId() {
        return config.nodeId();
    }

    /** Whether the service is started and not stopped. */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /** The adapter's state, for health checks. */
    public AdapterState adapterState() {
        return adapter == null ? AdapterState.STARTING : adapter.state();
    }

    /** The adapter in use (the configured one, or the one found on the class path). */
    public BrokerAdapter adapter() {
        return adapter;
    }

    /**
     * A protocol endpoint over this service's runtime: what a Jakarta WebSocket container runs for
     * each session (the standalone server's, or, in tests, another container's).
     */
    PubSubEndpoint newEndpoint(HandshakeHandOff handOff) {
        Authentication authentication = new Authentication(runtime);
        return new PubSubEndpoint(runtime, authentication, new RequestDispatcher(runtime, authentication, publisher),
                handOff);
    }

    /**
     * The start of the name of every thread this service starts itself ({@code wspubsub-<n>-}), unique
     * per service in the JVM; for this module's tests and diagnostics. Threads of Grizzly and of the
     * adapter are named by them.
     */
    String threadNamePrefix() {
        return threadPrefix;
    }

    /** Internal hooks for this module's tests and diagnostics; no compatibility promise. */
    EndpointRuntime runtime() {
        return runtime;
    }

}
