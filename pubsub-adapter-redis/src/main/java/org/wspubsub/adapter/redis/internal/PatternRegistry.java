package org.wspubsub.adapter.redis.internal;

import io.lettuce.core.api.async.RedisHashAsyncCommands;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis Cluster only: which nodes hold pattern subscriptions, so that publishers add a classic
 * {@code PUBLISH} (which reaches every shard, and so every {@code PSUBSCRIBE}) to their sharded
 * {@code SPUBLISH} only while some other node needs it.
 *
 * <p>The registry is one hash, {@code {<prefix>}:pattern-nodes} (one slot), mapping node ids to an
 * expiry time. A node with patterns refreshes its entry every {@value #HEARTBEAT_MILLIS} ms (so a
 * crashed node's entry expires after {@value #TTL_MILLIS} ms); every node re-reads the hash every
 * {@value #REFRESH_MILLIS} ms. A node's first pattern subscription completes only after one refresh
 * period, so every publisher has seen it by then.
 *
 * <p>Thread-safe; its timers run on Lettuce's event executors and never block.
 */
public final class PatternRegistry {

    static final long TTL_MILLIS = 15_000;
    static final long HEARTBEAT_MILLIS = 5_000;
    static final long REFRESH_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(PatternRegistry.class);

    private final RedisHashAsyncCommands<String, byte[]> hashes;
    private final EventExecutorGroup timers;
    private final String key;
    private final String nodeId;
    private volatile boolean otherNodesHavePatterns;
    private volatile boolean announced;
    private volatile long announcedAtNanos;
    private ScheduledFuture<?> refresher;
    private ScheduledFuture<?> heartbeats;

    public PatternRegistry(RedisHashAsyncCommands<String, byte[]> hashes, EventExecutorGroup timers, String prefix,
                           String nodeId) {
        this.hashes = hashes;
        this.timers = timers;
        this.key = "{" + prefix + "}:pattern-nodes";
        this.nodeId = nodeId;
    }

    public synchronized void start() {
        refresh();
        refresher = timers.scheduleAtFixedRate(this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        heartbeats = timers.scheduleAtFixedRate(() -> {
            if (announced) {
                heartbeat();
            }
        }, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether publishes must also go out as classic PUBLISH for other nodes' pattern subscriptions. */
    public boolean otherNodesHavePatterns() {
        return otherNodesHavePatterns;
    }

    /**
     * This node now holds patterns ({@code true}) or none ({@code false}). With patterns, the stage
     * completes once every publisher has had a refresh period to notice.
     */
    public CompletionStage<Void> localPatterns(boolean present) {
        if (!present) {
            announced = false;
            return hashes.hdel(key, nodeId).thenApply(n -> (Void) null);
        }
        if (!announced) {
            announced = true;
            announcedAtNanos = System.nanoTime();
        }
        long waitMillis = REFRESH_MILLIS + 200 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - announcedAtNanos);
        CompletableFuture<Void> visible = new CompletableFuture<>();
        heartbeat().whenComplete((ok, error) -> {
            if (error != null) {
                visible.completeExceptionally(error);
            } else if (waitMillis <= 0) {
                visible.complete(null);
            } else {
                timers.schedule(() -> visible.complete(null), waitMillis, TimeUnit.MILLISECONDS);
            }
        });
        return visible;
    }

    private CompletionStage<Boolean> heartbeat() {
        byte[] expiry = String.valueOf(System.currentTimeMillis() + TTL_MILLIS).getBytes(StandardCharsets.US_ASCII);
        return hashes.hset(key, nodeId, expiry);
    }

    private void refresh() {
        hashes.hgetall(key).whenComplete((entries, error) -> {
            if (error != null) {
                log.debug("pattern registry refresh failed: {}", error.toString());
                return;
            }
            otherNodesHavePatterns = anyOtherLive(entries);
        });
    }

    private boolean anyOtherLive(Map<String, byte[]> entries) {
        long now = System.currentTimeMillis();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (entry.getKey().equals(nodeId)) {
                continue;
            }
            try {
                if (Long.parseLong(new String(entry.getValue(), StandardCharsets.US_ASCII)) > now) {
                    return true;
                }
            } catch (NumberFormatException ignored) {
                // not ours; ignore
            }
        }
        return false;
    }

    /** Stops the timers and removes this node's entry. */
    public synchronized CompletionStage<Void> close() {
        if (refresher != null) {
            refresher.cancel(false);
            heartbeats.cancel(false);
        }
        return hashes.hdel(key, nodeId).handle((n, error) -> null);
    }
}
