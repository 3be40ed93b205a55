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
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;

/**
 * Takes an upgraded WebSocket connection off the HTTP codec. Grizzly's {@link HttpServerFilter}
 * keeps the upgrade request (its header buffer, three header tables and a few dozen byte, char and
 * data chunks: about 8 KB) as a connection attribute for the connection's whole life, because it
 * passes every later read through that request. {@link #adopt} drops that request (and the
 * codec's keep-alive record) once the read that carried it is done, handing the request back for
 * the next handshake ({@link ReturnedRequests}), and this filter, placed in front of the HTTP codec,
 * hands each later read to the connection's {@link UpgradedConnection} instead (frame headers
 * checked, then Tyrus), and tells it when the socket closes. Before a read that starts a new HTTP
 * request it moves one returned request into the reading worker's cache, where the codec looks
 * first.
 *
 * <p>Runs on Grizzly worker threads, one read of a connection at a time; closes are reported on
 * whichever thread closed the connection.
 */
final class UpgradedConnectionFilter extends BaseFilter {

    private static final Attribute<UpgradedConnection> UPGRADED = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(UpgradedConnectionFilter.class.getName() + ".upgraded");
    private static final Attribute<Object> HTTP_REQUEST = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);

    /** What the HTTP codec keeps for keep-alive (a request count and the connection), per connection. */
    private static final Attribute<Object> KEEP_ALIVE = Grizzly.DEFAULT_ATTRIBUTE_BUILDER
            .createAttribute("HttpServerFilter.KeepAliveContext");

    private static final ReturnedRequests RETURNED = new ReturnedRequests();

    /** Connections this filter adopted. */
    private final AtomicLong adopted = new AtomicLong();
    /** Upgrade requests of this filter's connections handed back for the next handshake. */
    private final AtomicLong returned = new AtomicLong();
    /** Returned requests recycled into a parsing worker's cache on this filter's reads. */
    private final AtomicLong recycled = new AtomicLong();

    /**
     * Adopts the connection of {@code ctx}, which Tyrus has just upgraded to {@code socket}: its
     * later reads come here, and once the current read is done the HTTP codec's state goes (the
     * request, and its keep-alive record) and {@code request} is recycled for the next handshake.
     */
    UpgradedConnection adopt(FilterChainContext ctx, org.glassfish.tyrus.spi.Connection socket,
                             ClosedAwareWriter writer, int maxPayloadSize, HttpRequestPacket request) {
        Connection<?> connection = ctx.getConnection();
        UpgradedConnection upgraded = new UpgradedConnection(socket, writer, maxPayloadSize);
        UPGRADED.set(connection, upgraded);
        ctx.addCompletionListener(done -> leaveHttp(connection, request));
        adopted.incrementAndGet();
        return upgraded;
    }

    /**
     * Drops what the HTTP codec keeps for {@code connection}, which no HTTP follows on any more, and
     * returns the upgrade's request (with its response) for a worker about to parse the next one
     * ({@link ReturnedRequests}); otherwise every handshake allocates them, with their header
     * tables, afresh: several KB. Nothing reads them any more: the guard's snapshot and Tyrus's
     * request are copies, and the read that carried them has ended.
     */
    private void leaveHttp(Connection<?> connection, HttpRequestPacket request) {
        HTTP_REQUEST.remove(connection);
        KEEP_ALIVE.remove(connection);
        // an upgrade "expects content" for ever (the stream after it is the new protocol's), which
        // keeps Grizzly from recycling it; that stream goes to Tyrus now
        request.setExpectContent(false);
        request.getResponse().recycle();
        // while it waits, the request must not keep the connection (nor, once that closes, its transport)
        request.setConnection(null);
        if (RETURNED.give(request)) {
            returned.incrementAndGet();
        }
    }

    /** The adopted state of {@code connection}, or null while it is not (or never will be) upgraded. */
    static UpgradedConnection of(Connection<?> connection) {
        return UPGRADED.get(connection);
    }

    /** How many connections this filter adopted so far. */
    long adoptedSoFar() {
        return adopted.get();
    }

    /** How many upgrade requests of this filter's connections were handed back so far. */
    long returnedSoFar() {
        return returned.get();
    }

    /** How many returned upgrade requests went into a parsing worker's cache on this filter's reads so far. */
    long recycledSoFar() {
        return recycled.get();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        UpgradedConnection upgraded = UPGRADED.get(connection);
        if (upgraded == null) {
            if (HTTP_REQUEST.get(connection) == null && RETURNED.recycleOne()) {
                // the codec starts a new request with this read: it takes the recycled one
                recycled.incrementAndGet();
            }
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

    /** Closes the connection once a refused handshake's HTTP status was written, or failed to be. */
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
