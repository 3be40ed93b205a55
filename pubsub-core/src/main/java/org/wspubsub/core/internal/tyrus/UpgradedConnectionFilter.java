package org.wspubsub.core.internal.tyrus;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * Takes an upgraded WebSocket connection off the HTTP codec. Grizzly's {@link HttpServerFilter}
 * keeps the upgrade request (its header buffer, three header tables and a few dozen byte, char and
 * data chunks: about 8 KB) as a connection attribute for the connection's whole life, because it
 * passes every later read through that request. {@link #adopt} drops that request once the read
 * that carried it is done, and this filter, placed in front of the HTTP codec, hands each later
 * read to the connection's {@link UpgradedConnection} instead (frame headers checked, then Tyrus),
 * and tells it when the socket closes.
 *
 * <p>Runs on Grizzly worker threads, one read of a connection at a time; closes are reported on
 * whichever thread closed the connection.
 */
final class UpgradedConnectionFilter extends BaseFilter {

    private static final Attribute<UpgradedConnection> UPGRADED = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(UpgradedConnectionFilter.class.getName() + ".upgraded");
    private static final Attribute<Object> HTTP_REQUEST = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);

    /** Connections adopted since the JVM started (for tests). */
    private static final AtomicLong ADOPTED = new AtomicLong();

    /**
     * Adopts the connection of {@code ctx}, which Tyrus has just upgraded to {@code socket}: its
     * later reads come here, and the HTTP request is dropped once the current read is done.
     */
    static UpgradedConnection adopt(FilterChainContext ctx, org.glassfish.tyrus.spi.Connection socket,
                                    int maxPayloadSize) {
        Connection<?> connection = ctx.getConnection();
        UpgradedConnection upgraded = new UpgradedConnection(socket, maxPayloadSize);
        UPGRADED.set(connection, upgraded);
        ctx.addCompletionListener(done -> HTTP_REQUEST.remove(connection));
        ADOPTED.incrementAndGet();
        return upgraded;
    }

    /** The adopted state of {@code connection}, or null while it is not (or never will be) upgraded. */
    static UpgradedConnection of(Connection<?> connection) {
        return UPGRADED.get(connection);
    }

    /** How many connections were adopted in this JVM so far. */
    static long adoptedSoFar() {
        return ADOPTED.get();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        UpgradedConnection upgraded = UPGRADED.get(ctx.getConnection());
        if (upgraded == null) {
            return ctx.getInvokeAction();
        }
        return upgraded.read(ctx, ctx.getMessage());
    }

    @Override
    public NextAction handleClose(FilterChainContext ctx) throws IOException {
        UpgradedConnection upgraded = UPGRADED.remove(ctx.getConnection());
        if (upgraded != null) {
            upgraded.closed();
        }
        return ctx.getInvokeAction(); // the HTTP codec behind still cleans up its own state
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
}
