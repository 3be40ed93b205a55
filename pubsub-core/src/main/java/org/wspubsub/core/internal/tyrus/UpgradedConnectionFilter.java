package org.wspubsub.core.internal.tyrus;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter;
import org.glassfish.tyrus.spi.ReadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an upgraded WebSocket connection off the HTTP codec. Grizzly's {@link HttpServerFilter}
 * keeps the upgrade request (its header buffer, three header tables and a few dozen byte, char and
 * data chunks: about 8 KB) as a connection attribute for the connection's whole life, because it
 * passes every later read through that request to Tyrus. Once Tyrus has upgraded a connection,
 * {@link #adoptWhenUpgraded} drops that request and this filter, placed in front of the HTTP codec,
 * hands each read to Tyrus's own read handler instead, after the connection's {@link FrameGuard}
 * has checked the frame headers (a violation closes at once, before Tyrus buffers anything).
 *
 * <p>Tyrus's per-connection objects are found by the attribute names its Grizzly filter registers
 * them under; when they are missing (a Tyrus upgrade renamed them) nothing is adopted and reads keep
 * going through the HTTP codec and {@link HandshakeGuardFilter}'s guard, as before.
 *
 * <p>Runs on Grizzly worker threads, one read of a connection at a time.
 */
final class UpgradedConnectionFilter extends BaseFilter {

    private static final Logger log = LoggerFactory.getLogger(UpgradedConnectionFilter.class);

    private static final Attribute<Upgraded> UPGRADED = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(UpgradedConnectionFilter.class.getName() + ".upgraded");
    private static final Attribute<org.glassfish.tyrus.spi.Connection> TYRUS_CONNECTION = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(GrizzlyServerFilter.class.getName() + ".Connection");
    private static final Attribute<TaskProcessor> TYRUS_TASKS = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(TaskProcessor.class.getName() + ".TaskProcessor");
    private static final Attribute<Object> HTTP_REQUEST = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);

    /** Connections adopted since the JVM started (for tests, which fail loudly if a Tyrus upgrade stops it). */
    private static final java.util.concurrent.atomic.AtomicLong ADOPTED = new java.util.concurrent.atomic.AtomicLong();

    /** What an adopted connection's reads need. */
    private record Upgraded(FrameGuard guard, ReadHandler reader, TaskProcessor tasks) {
    }

    /**
     * Once the read carrying an admitted upgrade request has been fully processed, adopts its
     * connection if Tyrus upgraded it.
     */
    static void adoptWhenUpgraded(FilterChainContext ctx, int maxPayloadSize) {
        Connection<?> connection = ctx.getConnection();
        ctx.addCompletionListener(done -> adopt(connection, maxPayloadSize));
    }

    /** How many connections were adopted in this JVM so far. */
    static long adoptedSoFar() {
        return ADOPTED.get();
    }

    private static void adopt(Connection<?> connection, int maxPayloadSize) {
        org.glassfish.tyrus.spi.Connection tyrus = TYRUS_CONNECTION.get(connection);
        TaskProcessor tasks = TYRUS_TASKS.get(connection);
        if (tyrus == null || tasks == null || !connection.isOpen()) {
            return;
        }
        UPGRADED.set(connection, new Upgraded(new FrameGuard(maxPayloadSize), tyrus.getReadHandler(), tasks));
        HTTP_REQUEST.remove(connection);
        ADOPTED.incrementAndGet();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Upgraded upgraded = UPGRADED.get(ctx.getConnection());
        if (upgraded == null) {
            return ctx.getInvokeAction();
        }
        Buffer buffer = ctx.getMessage();
        int verdict = upgraded.guard().inspect(buffer);
        if (verdict != FrameGuard.OK) {
            log.debug("closing a connection from {} with {}: frame refused before buffering",
                    ctx.getConnection().getPeerAddress(), verdict);
            return refuse(ctx, verdict);
        }
        if (buffer.hasRemaining()) {
            if (!buffer.isComposite()) {
                upgraded.tasks().processTask(new Read(buffer.toByteBuffer(), upgraded.reader()));
            } else {
                ByteBufferArray array = buffer.toByteBufferArray();
                ByteBuffer[] parts = array.getArray();
                for (int i = 0; i < array.size(); i++) {
                    upgraded.tasks().processTask(new Read(parts[i], upgraded.reader()));
                }
                array.recycle();
            }
        }
        return ctx.getStopAction();
    }

    /** Sends a close frame with {@code code} straight to the socket, then closes it. */
    @SuppressWarnings("rawtypes") // FilterChainContext.write takes a raw CompletionHandler<WriteResult>
    static NextAction refuse(FilterChainContext ctx, int code) {
        byte[] close = {(byte) 0x88, 2, (byte) (code >> 8), (byte) code};
        ctx.write(Buffers.wrap(ctx.getMemoryManager(), close), new CloseAfterWrite(ctx.getConnection()));
        return ctx.getStopAction();
    }

    /** Closes the connection once a refusal (an HTTP status or a close frame) was written, or failed to be. */
    @SuppressWarnings("rawtypes") // FilterChainContext.write takes a raw CompletionHandler<WriteResult>
    static final class CloseAfterWrite extends EmptyCompletionHandler<WriteResult> {
        private final Connection<?> connection;

        CloseAfterWrite(Connection<?> connection) {
            this.connection = connection;
        }

        @Override
        public void completed(WriteResult result) {
            connection.closeSilently();
        }

        @Override
        public void failed(Throwable throwable) {
            connection.closeSilently();
        }
    }

    /** One read, queued behind Tyrus's other work for the connection (as Tyrus's own filter does). */
    private static final class Read extends TaskProcessor.Task {
        private final ByteBuffer data;
        private final ReadHandler reader;

        Read(ByteBuffer data, ReadHandler reader) {
            this.data = data;
            this.reader = reader;
        }

        @Override
        public void execute() {
            reader.handle(data);
        }
    }
}
