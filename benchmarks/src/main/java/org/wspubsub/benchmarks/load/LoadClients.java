package org.wspubsub.benchmarks.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many asynchronous WebSocket clients on a few Netty event-loop threads, the load tool's side.
 * Subscribers check per-publisher order (sequence numbers) and record publish-to-receive latency;
 * local addresses rotate over 127.0.0.x, 5,000 connections each, so that no address's ephemeral
 * ports run out.
 */
final class LoadClients implements AutoCloseable {

    private static final int CLIENTS_PER_SOURCE_ADDRESS = 5_000;
    /** The source addresses in turn: 127.0.0.1 to 127.0.0.250. */
    private static final int SOURCE_ADDRESSES = 250;
    /**
     * Connections made by this process so far. Addresses go on rotating from one run of a scenario
     * to the next ({@code --repeat}), so a later run never binds the ports that an earlier one's
     * closed connections still hold in TIME_WAIT.
     */
    private static final AtomicLong CONNECTIONS_MADE = new AtomicLong();

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<Channel> channels = new ArrayList<>();

    LoadClients(int threads) {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    /**
     * Connects {@code count} subscribers of {@code topicOf(i)} and waits until every one got its
     * {@code subscribed} reply.
     */
    List<Channel> subscribers(URI uri, int count, java.util.function.IntFunction<String> topicOf, Stats stats)
            throws InterruptedException {
        CountDownLatch subscribed = new CountDownLatch(count);
        List<Channel> created = new ArrayList<>(count);
        List<ChannelFuture> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String topic = topicOf.apply(i);
            ChannelFuture connected = connect(uri, new Subscriber(topic, stats, subscribed));
            pending.add(connected);
            if (pending.size() == 200) {
                awaitAll(pending, created);
            }
        }
        awaitAll(pending, created);
        if (!subscribed.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(subscribed.getCount() + " of " + count + " clients were not subscribed in time");
        }
        return created;
    }

    /** A connection that only sends (the publisher); the server's {@code error} replies to it count in {@code stats}. */
    Channel publisher(URI uri, Stats stats) throws InterruptedException {
        CountDownLatch open = new CountDownLatch(1);
        ChannelFuture connected = connect(uri, new Publisher(open, stats));
        Channel channel = connected.sync().channel();
        channels.add(channel);
        if (!open.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the publisher's handshake did not complete");
        }
        return channel;
    }

    private void awaitAll(List<ChannelFuture> pending, List<Channel> created) throws InterruptedException {
        for (ChannelFuture f : pending) {
            Channel channel = f.sync().channel();
            created.add(channel);
            channels.add(channel);
        }
        pending.clear();
    }

    private ChannelFuture connect(URI uri, SimpleChannelInboundHandler<TextWebSocketFrame> handler) {
        long made = CONNECTIONS_MADE.getAndIncrement();
        InetSocketAddress local = new InetSocketAddress(
                "127.0.0." + (1 + (made / CLIENTS_PER_SOURCE_ADDRESS) % SOURCE_ADDRESSES), 0);
        return bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                        new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                uri, WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, 1 << 20)),
                        handler);
            }
        }).connect(new InetSocketAddress(uri.getHost(), uri.getPort()), local);
    }

    /** Subscribes once the handshake completed; then records every delivery. Runs on its event loop. */
    private static final class Subscriber extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private static final byte[] SEQ = "\"seq\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private static final byte[] TS = "\"ts\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final String topic;
        private final Stats stats;
        private final CountDownLatch subscribed;
        private long lastSeq = -1;

        Subscriber(String topic, Stats stats, CountDownLatch subscribed) {
            this.topic = topic;
            this.stats = stats;
            this.subscribed = subscribed;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.writeAndFlush(new TextWebSocketFrame(Frames.subscribe(topic)));
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            long seq = Frames.number(frame.content(), SEQ);
            if (seq >= 0) {
                long ts = Frames.number(frame.content(), TS);
                stats.record(seq, System.nanoTime() - ts);
                // one publisher, increasing sequence numbers: anything not above the last one is a duplicate or
                // out of order (gaps are normal when topics interleave; loss is counted from the totals)
                if (seq <= lastSeq) {
                    stats.duplicatesOrReordered.increment();
                }
                lastSeq = seq;
                return;
            }
            String text = frame.text();
            if (text.contains("\"subscribed\"")) {
                subscribed.countDown();
            } else if (text.contains("\"error\"")) {
                stats.errors.increment();
            }
        }
    }

    /**
     * Signals when its handshake completed and counts {@code error} replies (a refused publish, such
     * as {@code rate_limited}); other replies are ignored.
     */
    private static final class Publisher extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final CountDownLatch open;
        private final Stats stats;

        Publisher(CountDownLatch open, Stats stats) {
            this.open = open;
            this.stats = stats;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                open.countDown();
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            if (Frames.isError(frame.content())) {
                stats.errors.increment();
            }
        }
    }

    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
