package org.wspubsub.benchmarks.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;

/**
 * The raw-transport baseline: a Netty WebSocket server with no library code. A frame containing
 * {@code "subscribe"} adds its sender to the group of its first topic (answered with
 * {@code {"type":"subscribed"}}); a frame containing {@code "publish"} is written to every member
 * of its topic's group, one write and flush per message per socket. Event-loop threads only, but for
 * {@link #publish}, the in-process publisher's counterpart of the library's host publish.
 */
public final class NettyBroadcastServer implements AutoCloseable {

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final java.util.concurrent.ConcurrentHashMap<String, ChannelGroup> topics = new java.util.concurrent.ConcurrentHashMap<>();
    private Channel server;

    public int start(String host, int port) throws InterruptedException {
        server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/ws", null, false, 1 << 20, false, true), // checkStartsWith: "/ws?token=…"
                                new Broadcast());
                    }
                }).bind(host, port).sync().channel();
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    private final class Broadcast extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ByteBuf content = frame.content();
            String head = content.toString(0, Math.min(content.readableBytes(), 120), StandardCharsets.UTF_8);
            if (head.contains("\"publish\"")) {
                ChannelGroup group = topics.get(Topic.of(head, "\"topic\":\""));
                if (group != null) {
                    for (Channel ch : group) {
                        ch.writeAndFlush(new TextWebSocketFrame(content.retainedDuplicate()));
                    }
                }
            } else if (head.contains("\"subscribe\"")) {
                topics.computeIfAbsent(Topic.of(head, "\"topics\":[\""),
                        t -> new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)).add(ctx.channel());
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"subscribed\"}"));
            }
        }
    }

    /**
     * Publishes in-process, the baseline of a host's {@code IWebSocketService.publish}: writes
     * {@code frame} to every member of {@code topic}'s group from the calling thread (each write and
     * flush goes to the member's event loop as a task), the frame's bytes encoded once.
     */
    public void publish(String topic, String frame) {
        ChannelGroup group = topics.get(topic);
        if (group == null) {
            return;
        }
        ByteBuf content = io.netty.buffer.Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8);
        try {
            for (Channel ch : group) {
                ch.writeAndFlush(new TextWebSocketFrame(content.retainedDuplicate()));
            }
        } finally {
            content.release();
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        workers.shutdownGracefully();
        boss.shutdownGracefully();
    }
}
