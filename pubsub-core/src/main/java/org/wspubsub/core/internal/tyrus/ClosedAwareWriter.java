package org.wspubsub.core.internal.tyrus;

import java.nio.ByteBuffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter;
import org.glassfish.tyrus.spi.CompletionHandler;

/**
 * Tyrus's {@link GrizzlyWriter}, but for writes to a connection that is already closed. When a
 * client's socket goes away, Tyrus still writes its close frame to it (its close handshake cannot
 * know that the peer is gone), and Tyrus's writer fails that write with a new exception and its
 * stack trace: about 1.8 KB of garbage and a walk of a 20-frame stack for every dropped connection,
 * tens of thousands of them when a load balancer drops a node's clients at once. This one fails
 * such a write with {@link ConnectionNotOpen}, which has no stack trace. Every other write,
 * including the holding back of Tyrus's own frames while Grizzly's write queue is full, is
 * Tyrus's writer's.
 *
 * <p>Called, like Tyrus's writer, on any thread that writes to the session: Tyrus's (its close and
 * pong frames), the fan-out workers and the request threads.
 */
final class ClosedAwareWriter extends GrizzlyWriter {

    private final Connection<?> connection;

    ClosedAwareWriter(Connection<?> connection) {
        super(connection);
        this.connection = connection;
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
        if (!connection.isOpen()) {
            completionHandler.failed(new ConnectionNotOpen());
            return;
        }
        super.write(buffer, completionHandler);
    }

    /** A write to a closed connection failed; like Tyrus's own failure, without a stack trace. */
    static final class ConnectionNotOpen extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ConnectionNotOpen() {
            super("Connection is not open.");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // the stack says nothing: the peer went away
        }
    }
}
