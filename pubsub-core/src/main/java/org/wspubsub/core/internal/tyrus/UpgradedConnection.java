package org.wspubsub.core.internal.tyrus;

import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Grizzly connection that Tyrus upgraded needs for its reads and its end: the
 * {@link FrameGuard} that checks frame headers before Tyrus buffers anything, Tyrus's read handler,
 * and the task queue that runs reads and the close one at a time, in order (Tyrus's session is not
 * safe for a read and a close at once).
 *
 * <p>{@link #read} runs on the Grizzly worker handling the connection's read (one at a time);
 * {@link #closed} on whichever thread Grizzly reports the close from.
 */
final class UpgradedConnection {

    private static final Logger log = LoggerFactory.getLogger(UpgradedConnection.class);
    /** What the endpoint sees when the socket ends without a close frame (RFC 6455, section 7.1.5). */
    private static final CloseReason DROPPED =
            new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "the connection closed without a close frame");

    private final FrameGuard guard;
    private final Connection socket;
    private final ReadHandler reader;
    private final TaskProcessor tasks = new TaskProcessor();

    UpgradedConnection(Connection socket, int maxPayloadSize) {
        this.guard = new FrameGuard(maxPayloadSize);
        this.socket = socket;
        this.reader = socket.getReadHandler();
    }

    /**
     * Checks the frame headers in {@code buffer} and hands its bytes to Tyrus, or closes the
     * connection with the guard's code (before Tyrus buffers anything). Returns the chain's stop.
     */
    NextAction read(FilterChainContext ctx, Buffer buffer) {
        int verdict = guard.inspect(buffer);
        if (verdict != FrameGuard.OK) {
            log.debug("closing a connection from {} with {}: frame refused before buffering",
                    ctx.getConnection().getPeerAddress(), verdict);
            return UpgradedConnectionFilter.refuse(ctx, verdict);
        }
        if (buffer.hasRemaining()) {
            if (!buffer.isComposite()) {
                tasks.processTask(new Read(buffer.toByteBuffer(), reader));
            } else {
                ByteBufferArray array = buffer.toByteBufferArray();
                ByteBuffer[] parts = array.getArray();
                for (int i = 0; i < array.size(); i++) {
                    tasks.processTask(new Read(parts[i], reader));
                }
                array.recycle();
            }
        }
        return ctx.getStopAction();
    }

    /** Tells Tyrus the socket is gone (a no-op when Tyrus closed it itself), after any read in progress. */
    void closed() {
        tasks.processTask(new Close(socket));
    }

    /** One read, queued behind the connection's other work. */
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

    /** The end of the socket, queued behind the reads. */
    private static final class Close extends TaskProcessor.Task {
        private final Connection socket;

        Close(Connection socket) {
            this.socket = socket;
        }

        @Override
        public void execute() {
            socket.close(DROPPED);
        }
    }
}
