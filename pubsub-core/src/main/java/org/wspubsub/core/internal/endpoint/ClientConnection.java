package org.wspubsub.core.internal.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.Connection;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.HandshakeRequest;
import org.wspubsub.core.internal.hub.Subscriber;
import org.wspubsub.core.internal.protocol.CloseCodes;
import org.wspubsub.core.internal.protocol.ErrorCode;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * One client connection: its identity and authentication state, its subscriptions, its bounded
 * outbound queue, liveness timestamps and its close. The public {@link Connection} view the host
 * sees, and the {@link Subscriber} the hub delivers to.
 *
 * <p>Thread-safe. Inbound frames arrive on the container's threads in order; requests run one
 * after another (see {@link #enqueueRequest}): the first of a line on the container's thread, and
 * every request or reply that follows a step that ended later on the callback pool, whatever thread
 * ended that step (the adapter's, the timeout sweeper's, the host's). Consecutive publishes overlap
 * their broker round trips ({@link #replyToPublish}). Every frame to the client (deliveries,
 * replies, pings) goes through the {@link OutboundQueue}, from any thread, and is written by the
 * connection's fan-out worker.
 */
public final class ClientConnection implements Connection, Subscriber {

    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    private static final VarHandle CLOSING;
    private static final VarHandle CLEANED_UP;
    private static final VarHandle PENDING_REQUESTS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CLOSING = lookup.findVarHandle(ClientConnection.class, "closing", boolean.class);
            CLEANED_UP = lookup.findVarHandle(ClientConnection.class, "cleanedUp", boolean.class);
            PENDING_REQUESTS = lookup.findVarHandle(ClientConnection.class, "pendingRequests", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How long a closing connection may take to get its close frame out before the socket is dropped. */
    private static final long ABORT_AFTER_MILLIS = 5_000;

    private final Session session;
    private final EndpointRuntime runtime;
    /** The upgrade request, kept for an {@code auth} frame's authenticator; without credentials once authenticated. */
    private volatile HandshakeRequest request;
    private final FrameTransport transport;
    private final OutboundQueue outbound;
    private final long connectedAtMillis = System.currentTimeMillis();
    /** When this connection's pings are due, counted from its opening. */
    private final PingSchedule pings = new PingSchedule(System.nanoTime());
    private final SubscriptionSet subscriptions = new SubscriptionSet();
    private volatile boolean closing;
    private volatile boolean cleanedUp;
    private volatile int pendingRequests;
    /** Completes when the latest request has ended; the next request starts after it. */
    /** Requests waiting for the one running to end; null when none wait. Guarded by {@code this}. */
    private java.util.ArrayDeque<Supplier<CompletionStage<Void>>> waitingRequests;
    /** Whether a request is running (then new ones wait in line). Guarded by {@code this}. */
    private boolean requestRunning;
    /** Ends when every publish handed to the broker so far has been answered; null when none waits. Guarded by {@code this}. */
    private CompletableFuture<Void> publishReplies;
    private volatile ConnectionContext context;
    private volatile long lastReceivedNanos = System.nanoTime();
    /** When the oldest ping still unanswered was sent; 0 when every ping was answered. */
    private volatile long unansweredPingSinceNanos;
    private volatile ScheduledFuture<?> authTimer;

    ClientConnection(Session session, EndpointRuntime runtime, HandshakeRequest request) {
        this.session = session;
        this.runtime = runtime;
        this.request = request;
        this.transport = runtime.transports().create(session);
        this.outbound = new OutboundQueue(transport, runtime.writers().pick(), runtime.config().outboundQueueBytes(),
                runtime.config().outboundQueueMessages(), this::onOverflow, this::onWriteFailure);
    }

    // ---- the Connection view ----

    @Override
    public String id() {
        return session.getId();
    }

    @Override
    public Optional<ConnectionContext> context() {
        return Optional.ofNullable(context);
    }

    @Override
    public String remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public Set<String> subscriptions() {
        return subscriptions.snapshot();
    }

    @Override
    public Instant connectedAt() {
        return Instant.ofEpochMilli(connectedAtMillis);
    }

    @Override
    public boolean isOpen() {
        return !closing && session.isOpen();
    }

    // ---- state used by the endpoint ----

    HandshakeRequest request() {
        return request;
    }

    EndpointRuntime runtime() {
        return runtime;
    }

    void authenticated(ConnectionContext newContext) {
        this.context = newContext;
        if (request instanceof SimpleHandshakeRequest kept) { // no credential outlives the handshake
            request = kept.withoutCredentials(runtime.config().keepHandshakeHeaders());
        }
        ScheduledFuture<?> timer = authTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void authTimer(ScheduledFuture<?> timer) {
        this.authTimer = timer;
    }

    /** The live subscription set (the endpoint's request handlers own its changes). */
    SubscriptionSet subscriptionSet() {
        return subscriptions;
    }

    void touched() {
        lastReceivedNanos = System.nanoTime();
    }

    /**
     * When the oldest unanswered ping was sent, or 0 when nothing is awaited: a ping counts as answered
     * once anything (a pong or any frame) arrived after it.
     */
    long unansweredPingSinceNanos() {
        long since = unansweredPingSinceNanos;
        return since != 0 && lastReceivedNanos - since < 0 ? since : 0;
    }

    /** Whether this connection's next ping is due at {@code now} ({@link PingSchedule}). Timer thread only. */
    boolean pingDue(long now, long intervalNanos) {
        return pings.due(now, intervalNanos, java.util.concurrent.ThreadLocalRandom.current());
    }

    void ping() {
        if (unansweredPingSinceNanos() == 0) {
            unansweredPingSinceNanos = System.nanoTime();
        }
        outbound.offer(OutboundFrame.PING);
    }

    /** Whether this connection's frames go out in batched raw writes; for diagnostics and tests. */
    public boolean isRawTransport() {
        return transport.isRaw();
    }

    /** The container's session of this connection; for diagnostics and tests. */
    public Session session() {
        return session;
    }

    /** The transport this connection writes through; for diagnostics and tests. */
    public FrameTransport transport() {
        return transport;
    }

    /** Which path this connection's writes take (see {@link FrameTransport#path()}); for tests. */
    public String transportPath() {
        return transport.path();
    }

    // ---- requests: one at a time, in arrival order ----

    /**
     * Runs {@code request} after every earlier request of this connection has ended. Returns false
     * (and runs nothing) when too many requests are already waiting.
     */
    boolean enqueueRequest(Supplier<CompletionStage<Void>> request) {
        if ((int) PENDING_REQUESTS.getAndAdd(this, 1) + 1 > runtime.config().maxPendingRequests()) {
            PENDING_REQUESTS.getAndAdd(this, -1);
            return false;
        }
        synchronized (this) {
            if (requestRunning) {
                if (waitingRequests == null) {
                    waitingRequests = new java.util.ArrayDeque<>(4);
                }
                waitingRequests.add(request);
                return true;
            }
            requestRunning = true;
        }
        runRequests(request);
        return true;
    }

    /**
     * Runs {@code first} and then each waiting request, in a loop on the calling thread while they
     * end at once; a request that ends later resumes the loop on the callback pool
     * ({@link org.wspubsub.core.internal.host.HostCallbacks#continueRequest}), whichever thread ended
     * it. A loop, not a chain of futures: a long line of requests that each end at once (a client
     * pipelining publishes) would otherwise nest one stack level per request.
     */
    private void runRequests(Supplier<CompletionStage<Void>> first) {
        Supplier<CompletionStage<Void>> next = first;
        while (next != null) {
            CompletableFuture<Void> running = start(next);
            if (!running.isDone()) {
                running.whenComplete((ignored, error) -> runtime.callbacks().continueRequest(() -> {
                    requestEnded(running);
                    runRequests(nextRequest());
                }));
                return;
            }
            requestEnded(running);
            next = nextRequest();
        }
    }

    private CompletableFuture<Void> start(Supplier<CompletionStage<Void>> request) {
        try {
            CompletionStage<Void> stage = request.get();
            return stage == null ? CompletableFuture.completedFuture(null) : stage.toCompletableFuture();
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void requestEnded(CompletableFuture<Void> request) {
        PENDING_REQUESTS.getAndAdd(this, -1);
        if (request.isCompletedExceptionally()) {
            request.exceptionally(error -> {
                log.error("connection={} request failed unexpectedly", id(), error);
                return null;
            });
        }
    }

    /**
     * Runs {@code reply} with the broker's answer to a publish (null for success) once that answer
     * came and every earlier publish of this connection was replied to, so publish replies keep
     * request order while the next publish already goes to the broker. The publish keeps its
     * place among {@code maxPendingRequests} until it is replied to. Call from the request line; a
     * reply that waits for the broker runs on the callback pool, never on the adapter's thread.
     */
    void replyToPublish(CompletableFuture<?> answer, java.util.function.Consumer<Throwable> reply) {
        CompletableFuture<Void> earlier;
        CompletableFuture<Void> replied = null;
        synchronized (this) {
            earlier = publishReplies;
            if (earlier != null || !answer.isDone()) {
                replied = new CompletableFuture<>();
                publishReplies = replied;
                PENDING_REQUESTS.getAndAdd(this, 1);
            }
        }
        if (replied == null) {
            // nothing owed to earlier publishes and the answer is in: reply right away
            answer.whenComplete((ignored, error) -> runReply(reply, error));
            return;
        }
        CompletableFuture<Void> thisReply = replied;
        CompletableFuture<?> inTurn = earlier == null ? answer : earlier.thenCompose(ignored -> answer);
        inTurn.whenComplete((ignored, error) -> runtime.callbacks().continueRequest(() -> {
            PENDING_REQUESTS.getAndAdd(this, -1);
            runReply(reply, error);
            synchronized (this) {
                if (publishReplies == thisReply) {
                    publishReplies = null; // an idle connection keeps no future
                }
            }
            thisReply.complete(null);
        }));
    }

    private void runReply(java.util.function.Consumer<Throwable> reply, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        try {
            reply.accept(cause);
        } catch (RuntimeException e) {
            log.error("connection={} replying to a publish failed", id(), e);
        }
    }

    /** Ends when every earlier publish was replied to; null when none waits (the common case). */
    synchronized CompletableFuture<Void> unansweredPublishes() {
        return publishReplies;
    }

    /** The next waiting request, or null (and the line is free again) when none waits. */
    private synchronized Supplier<CompletionStage<Void>> nextRequest() {
        Supplier<CompletionStage<Void>> next = waitingRequests == null ? null : waitingRequests.poll();
        if (next == null) {
            requestRunning = false;
            waitingRequests = null; // an idle connection keeps no queue
        }
        return next;
    }

    // ---- outbound ----

    @Override
    public void deliver(OutboundFrame frame) {
        outbound.offer(frame);
    }

    /** The outbound queue, for delivery rounds ({@link WriterRounds}). */
    OutboundQueue outbound() {
        return outbound;
    }

    /** Queues a reply frame. */
    void send(String json) {
        outbound.offer(OutboundFrame.ofText(json));
    }

    /** Queues an {@code error} frame and reports it to the metrics listener. */
    void sendError(ErrorCode code, String message, JsonNode id, String topic) {
        send(runtime.frames().error(code, message, id, topic));
        runtime.metrics().onError(this, code.wire());
    }

    /** Queues an {@code error} frame, then closes with {@code closeCode} once it was written. */
    void failAndClose(ErrorCode code, String message, JsonNode id, int closeCode) {
        sendError(code, message, id, null);
        closeAfterFlush(closeCode, message);
    }

    /** Closes after everything already queued was written (still bounded: a stuck write is dropped with the socket). */
    public void closeAfterFlush(int code, String reason) {
        if (closing) {
            return;
        }
        outbound.finish(() -> close(code, reason));
    }

    /** Closes now with {@code code}, dropping what is still queued. Idempotent; never blocks the caller. */
    public void close(int code, String reason) {
        if (!CLOSING.compareAndSet(this, false, true)) {
            return;
        }
        outbound.discard();
        Runnable doClose = () -> {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(reason)));
            } catch (IOException | RuntimeException e) {
                TransportErrors.log(log, "close failed", id(), e, session.isOpen());
                transport.abort();
            }
        };
        try {
            runtime.fanOut().execute(doClose);
        } catch (RejectedExecutionException stopped) {
            doClose.run();
        }
        try {
            runtime.timer().schedule(() -> {
                if (session.isOpen()) {
                    log.debug("connection={} did not complete its close in time; dropping the socket", id());
                    transport.abort();
                }
            }, ABORT_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // the service is stopping; its shutdown drops whatever is left
        }
    }

    /** How long the write in flight has been unfinished, in nanoseconds (0 when none is). */
    long writeStalledNanos(long now) {
        return outbound.writeStalledNanos(now);
    }

    /** Closes a connection whose write stayed unfinished past the send timeout. */
    void sendTimedOut(long stalledNanos) {
        slowConsumer("did not take a write for " + stalledNanos / 1_000_000 + " ms", outbound.pendingBytes(),
                "slow consumer: send timeout");
    }

    private void onOverflow(long pendingBytes) {
        slowConsumer("overflowed its outbound queue", pendingBytes, "slow consumer: outbound queue overflowed");
    }

    private void slowConsumer(String what, long pendingBytes, String closeReason) {
        log.info("connection={} {} ({} bytes pending); closing with 4001", id(), what, pendingBytes);
        runtime.metrics().onSlowConsumer(this, pendingBytes);
        close(CloseCodes.SLOW_CONSUMER, closeReason);
    }

    private void onWriteFailure(Throwable failure) {
        TransportErrors.log(log, "write failed", id(), failure, session.isOpen() && !closing);
        close(CloseCodes.INTERNAL_ERROR, "write failed");
    }

    /** Releases everything the connection holds; runs once, when the container reports the close. */
    boolean markCleanedUp() {
        closing = true;
        outbound.discard();
        ScheduledFuture<?> timer = authTimer;
        if (timer != null) {
            timer.cancel(false);
        }
        return CLEANED_UP.compareAndSet(this, false, true);
    }

    boolean isClosing() {
        return closing;
    }

    private static String truncate(String reason) {
        if (reason == null) {
            return "";
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return reason;
        }
        return new String(bytes, 0, 120, StandardCharsets.UTF_8).replace("\uFFFD", "") + "…";
    }

    @Override
    public String toString() {
        return "Connection[" + id() + ", user=" + userId().orElse("-") + ", remote=" + remoteAddress() + "]";
    }
}
