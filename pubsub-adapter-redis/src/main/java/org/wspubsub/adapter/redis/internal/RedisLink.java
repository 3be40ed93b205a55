package org.wspubsub.adapter.redis.internal;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One node's two Redis connections: a pub/sub connection that carries the node's subscriptions and
 * a command connection that publishes (Lettuce forbids publishing on a subscribed connection).
 * With {@code sharded} (Redis Cluster), exact topics use {@code SSUBSCRIBE}/{@code SPUBLISH}, so a
 * publication goes to the shard that owns its channel only; patterns always use {@code PSUBSCRIBE},
 * which sees classic {@code PUBLISH}es only.
 *
 * <p>Thread-safe: commands are asynchronous and pipelined in call order on each connection; the
 * listeners run on Lettuce's event loop.
 */
public final class RedisLink {

    /** What the link reports upwards. Called on Lettuce's event loop; must not block. */
    public interface Events {
        /** A message on an exact (or sharded) channel, or through a pattern ({@code glob} non-null). */
        void onMessage(String channel, String glob, byte[] envelope);

        /** A connection went up or down. */
        void onConnectionChange();
    }

    private final StatefulRedisPubSubConnection<String, byte[]> subscriptions;
    private final StatefulConnection<String, byte[]> commandConnection;
    private final BaseRedisAsyncCommands<String, byte[]> commands;
    private final boolean sharded;
    private volatile boolean subscriptionsUp = true;
    private volatile boolean commandsUp = true;

    public RedisLink(StatefulRedisPubSubConnection<String, byte[]> subscriptions,
                     StatefulConnection<String, byte[]> commandConnection,
                     BaseRedisAsyncCommands<String, byte[]> commands, boolean sharded, Events events) {
        this.subscriptions = subscriptions;
        this.commandConnection = commandConnection;
        this.commands = commands;
        this.sharded = sharded;
        subscriptions.addListener(new RedisPubSubAdapter<String, byte[]>() {
            @Override
            public void message(String channel, byte[] message) {
                events.onMessage(channel, null, message);
            }

            @Override
            public void message(String pattern, String channel, byte[] message) {
                events.onMessage(channel, pattern, message);
            }

            @Override
            public void smessage(String channel, byte[] message) {
                events.onMessage(channel, null, message);
            }
        });
        subscriptions.addListener(stateListener(true, events));
        commandConnection.addListener(stateListener(false, events));
    }

    private RedisConnectionStateListener stateListener(boolean subscriptionSide, Events events) {
        return new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                set(subscriptionSide, true);
                events.onConnectionChange();
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                set(subscriptionSide, false);
                events.onConnectionChange();
            }
        };
    }

    private void set(boolean subscriptionSide, boolean up) {
        if (subscriptionSide) {
            subscriptionsUp = up;
        } else {
            commandsUp = up;
        }
    }

    /** Whether both connections are currently connected. */
    public boolean isUp() {
        return subscriptionsUp && commandsUp && subscriptions.isOpen() && commandConnection.isOpen();
    }

    public CompletionStage<Void> subscribeChannel(String channel) {
        return sharded ? subscriptions.async().ssubscribe(channel) : subscriptions.async().subscribe(channel);
    }

    public CompletionStage<Void> unsubscribeChannel(String channel) {
        return sharded ? subscriptions.async().sunsubscribe(channel) : subscriptions.async().unsubscribe(channel);
    }

    public CompletionStage<Void> subscribeGlob(String glob) {
        return subscriptions.async().psubscribe(glob);
    }

    public CompletionStage<Void> unsubscribeGlob(String glob) {
        return subscriptions.async().punsubscribe(glob);
    }

    /**
     * Publishes an envelope on {@code channel}. Sharded links also send a classic copy for pattern
     * subscribers when {@code patternCopy} is set.
     */
    public CompletionStage<Void> publish(String channel, byte[] envelope, boolean patternCopy) {
        if (!sharded) {
            return commands.publish(channel, envelope).thenApply(receivers -> null);
        }
        CompletableFuture<Long> shard = commands.spublish(channel, envelope).toCompletableFuture();
        if (!patternCopy) {
            return shard.thenApply(receivers -> null);
        }
        CompletableFuture<Long> classic = commands.publish(channel, envelope).toCompletableFuture();
        return CompletableFuture.allOf(shard, classic);
    }

    /** PING on the subscription connection: answered only if Redis really serves it. */
    public CompletionStage<Void> pingSubscriptions() {
        return subscriptions.async().ping().thenApply(pong -> null);
    }

    /**
     * Drops the subscription connection's socket so that Lettuce reconnects it and restores its
     * subscriptions (standalone Redis; a cluster connection is left to Lettuce's own handling).
     */
    public void reconnectSubscriptions() {
        if (subscriptions instanceof io.lettuce.core.RedisChannelHandler<?, ?> handler
                && handler.getChannelWriter() instanceof io.lettuce.core.protocol.DefaultEndpoint endpoint) {
            endpoint.disconnect();
        }
    }

    /** Closes both connections (never the client they came from). */
    public CompletionStage<Void> close() {
        return CompletableFuture.allOf(subscriptions.closeAsync(), commandConnection.closeAsync());
    }
}
