package org.wspubsub.core.internal.host;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.Authenticator;
import org.wspubsub.api.Connection;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.HandshakeRequest;
import org.wspubsub.api.PublishAuthorizer;
import org.wspubsub.api.SubscribeAuthorizer;

/**
 * Runs the host's callbacks (authenticator, authorizers) on the callback executor, never on the
 * caller's I/O thread, and turns every way they can go wrong (an exception, a failed or null
 * stage, no answer within the timeout) into a logged {@link CallbackFailure} the caller maps to the
 * protocol's answer. Results are handed back on the callback executor, whose threads are
 * {@link RequestThread}s (an answer already on one continues there).
 *
 * <p>The executor's queue is bounded ({@code callbackQueueSize}): a callback it refuses because it
 * is full is not run, and its result fails at once, on the calling thread, with
 * {@link CallbackRejected}, which callers answer as "busy, try again" (HTTP 503, {@code rate_limited}).
 *
 * <p>Thread-safe: called from I/O and request threads; callbacks and the stages they complete run on
 * the callback executor.
 */
public final class HostCallbacks {

    private static final Logger log = LoggerFactory.getLogger(HostCallbacks.class);

    private final Authenticator authenticator;
    private final SubscribeAuthorizer subscribeAuthorizer;
    private final PublishAuthorizer publishAuthorizer;
    private final Executor executor;
    private final Deadlines deadlines;
    private final Duration timeout;
    private final MetricsDispatcher metrics;
    private final AtomicLong rejections = new AtomicLong();

    public HostCallbacks(Authenticator authenticator, SubscribeAuthorizer subscribeAuthorizer,
                         PublishAuthorizer publishAuthorizer, Executor executor, Deadlines deadlines,
                         Duration timeout, MetricsDispatcher metrics) {
        this.authenticator = authenticator;
        this.subscribeAuthorizer = subscribeAuthorizer;
        this.publishAuthorizer = publishAuthorizer;
        this.executor = executor;
        this.deadlines = deadlines;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    public boolean hasAuthenticator() {
        return authenticator != null;
    }

    public boolean hasPublishAuthorizer() {
        return publishAuthorizer != null;
    }

    /** The authenticator's verdict; a failure completes the stage with {@link CallbackFailure}. */
    public CompletableFuture<Optional<ConnectionContext>> authenticate(String token, HandshakeRequest request) {
        return call("authenticator", request.remoteAddress(), () -> authenticator.authenticate(token, request))
                .thenApply(result -> result == null ? Optional.<ConnectionContext>empty() : result);
    }

    /**
     * The subscribe authorizer's verdict on one topic or pattern; allowed at once, on the calling
     * thread, for {@link SubscribeAuthorizer#ALLOW_ALL} (the default: the library's own answer, not a
     * host callback).
     */
    public CompletableFuture<Boolean> authorizeSubscribe(String topic, Connection connection) {
        if (subscribeAuthorizer == SubscribeAuthorizer.ALLOW_ALL) {
            return CompletableFuture.completedFuture(true);
        }
        return call("authorizeSubscribe", connection.id(), () -> subscribeAuthorizer.authorize(topic, connection))
                .thenApply(Boolean.TRUE::equals);
    }

    /**
     * The publish authorizer's verdict; denied when the host configured none, and allowed at once,
     * on the calling thread, for {@link PublishAuthorizer#ALLOW_ALL} (the library's own answer, not a
     * host callback).
     */
    public CompletableFuture<Boolean> authorizePublish(String topic, Connection connection) {
        if (publishAuthorizer == null) {
            return CompletableFuture.completedFuture(false);
        }
        if (publishAuthorizer == PublishAuthorizer.ALLOW_ALL) {
            return CompletableFuture.completedFuture(true);
        }
        return call("authorizePublish", connection.id(), () -> publishAuthorizer.authorize(topic, connection))
                .thenApply(Boolean.TRUE::equals);
    }

    /**
     * Runs any host callback on the callback executor with the callback timeout; failures are logged,
     * reported to the metrics listener and complete the result with {@link CallbackFailure}. Called
     * on one of the executor's own {@link RequestThread}s (a connection's next request, continuing
     * where the previous one ended), the callback runs right there.
     *
     * <p>The result completes on a callback thread, so whatever the caller chains to it runs there
     * too: inline when the host answered on the callback thread (the common case, a synchronous
     * authorizer), otherwise after one hand-off back to the executor (an answer on the host's own
     * thread, or the timeout firing on the {@link Deadlines} sweeper).
     */
    public <T> CompletableFuture<T> call(String name, String who, Supplier<CompletionStage<T>> callback) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Runnable ask = () -> {
            try {
                CompletionStage<T> stage = callback.get();
                if (stage == null) {
                    throw new IllegalStateException(name + " returned null instead of a CompletionStage");
                }
                stage.whenComplete((value, error) -> {
                    if (error != null) {
                        answer.completeExceptionally(error);
                    } else {
                        answer.complete(value);
                    }
                });
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        };
        if (RequestThread.isCurrent()) {
            ask.run(); // already on the callback pool (a request that continues after an earlier one): no hand-off
        } else {
            try {
                executor.execute(ask);
            } catch (RejectedExecutionException rejected) {
                if (!stopping()) {
                    return CompletableFuture.failedFuture(saturated(name, who));
                }
                answer.completeExceptionally(rejected);
            } catch (RuntimeException failed) {
                answer.completeExceptionally(failed);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        deadlines.within(answer, timeout.toMillis()).whenComplete((value, error) ->
                continueRequest(() -> settle(result, name, who, value, error)));
        return result;
    }

    /**
     * Runs the next step of a connection's request line on the callback pool: at once when the
     * caller is already a {@link RequestThread}, otherwise handed to the pool, so a step that
     * follows an adapter's answer, a timeout or the host's own thread never runs there. When the
     * pool refuses (its queue is full, or the service is stopping), the step runs on the caller, so
     * no line is left stuck; request steps never block, so that costs the caller only time.
     */
    public void continueRequest(Runnable step) {
        if (RequestThread.isCurrent()) {
            step.run();
            return;
        }
        try {
            executor.execute(step);
        } catch (RuntimeException refused) {
            log.debug("the callback pool refused a request step ({}); running it on the calling thread",
                    refused.toString());
            step.run();
        }
    }

    /** Whether the callback pool refuses work because the service is stopping (not because it is full). */
    private boolean stopping() {
        return !(executor instanceof ExecutorService pool) || pool.isShutdown();
    }

    /**
     * A callback the full pool refused: reported to the metrics listener, and logged at WARN for the
     * first refusal and then at every power of two, so a flood costs no flood of log lines.
     */
    private CallbackRejected saturated(String name, String who) {
        long n = rejections.incrementAndGet();
        if (n == 1 || Long.bitCount(n) == 1) {
            log.warn("the callback pool is saturated: {} not run for connection={} ({} refused so far); the host's "
                    + "callbacks are too slow for the load: make them faster, or raise callbackThreads or "
                    + "callbackQueueSize", name, who, n);
        }
        CallbackRejected rejected = new CallbackRejected(name + " was not run: the callback pool and its queue are full");
        metrics.onCallbackFailure(name, rejected);
        return rejected;
    }

    /** Whether {@code error} (possibly wrapped) is a {@link CallbackRejected}: the answer is "busy, retry", not "denied". */
    public static boolean isRejected(Throwable error) {
        return error != null && unwrap(error) instanceof CallbackRejected;
    }

    /** Callbacks waiting in the pool's queue (not yet running); for diagnostics and tests. */
    public int waiting() {
        return executor instanceof ThreadPoolExecutor pool ? pool.getQueue().size() : 0;
    }

    private <T> void settle(CompletableFuture<T> result, String name, String who, T value, Throwable error) {
        if (error == null) {
            result.complete(value);
            return;
        }
        Throwable cause = unwrap(error);
        // an authenticator's exception may quote the token it was given: log only its type
        boolean secret = name.equals("authenticator");
        String what = cause instanceof TimeoutException
                ? "did not answer within " + timeout.toMillis() + " ms"
                : "failed: " + (secret ? cause.getClass().getName() : cause.toString());
        log.warn("{} {} for connection={}; treating it as denied", name, what, who,
                cause instanceof TimeoutException || secret ? null : cause);
        metrics.onCallbackFailure(name, cause);
        result.completeExceptionally(new CallbackFailure(name + " " + what, secret ? null : cause));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * A host callback was not run because every callback thread is busy and the pool's queue
     * ({@code callbackQueueSize}) is full. Callers answer "busy, try again" (HTTP 503,
     * {@code rate_limited}), not "denied".
     */
    public static final class CallbackRejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CallbackRejected(String message) {
            super(message, null, false, false);
        }
    }

    /** A host callback threw, failed or timed out. */
    public static final class CallbackFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CallbackFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
