package org.wspubsub.core.internal.tyrus;

import jakarta.websocket.CloseReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.ReadHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Grizzly connection that Tyrus upgraded needs for its reads and its end: the
 * {@link FrameGuard} that checks frame headers before Tyrus buffers anything, Tyrus's read handler,
 * and a small state machine that runs reads and the close one at a time, in order (Tyrus's session
 * is not safe for a read and a close at once). Grizzly delivers one read of a connection at a time;
 * a close reported while a read runs is run by that read's thread when it ends, so no thread ever
 * waits and nothing is queued. Once the server has sent its close frame and closed its output, reads
 * are discarded, and the client's close frame, once read, lets the {@link ClosedAwareWriter} close
 * the socket (see its linger).
 *
 * <p>{@link #read} runs on the Grizzly worker handling the connection's read (or, for frames that
 * arrived with the upgrade request, on the thread completing the upgrade), one at a time;
 * {@link #closed} on whichever thread Grizzly reports the close from.
 */
final class UpgradedConnection {

    private static final Logger log = LoggerFactory.getLogger(UpgradedConnection.class);
    /** What the endpoint sees when the socket ends without a close frame (RFC 6455, section 7.1.5). */
    private static final CloseReason DROPPED =
            new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "the connection closed without a close frame");

    private static final int IDLE = 0;
    private static final int READING = 1;
    /** The socket closed while a read ran: that read's thread tells Tyrus when it ends. */
    private static final int READING_THEN_CLOSE = 2;
    private static final int CLOSED = 3;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(UpgradedConnection.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FrameGuard guard;
    private final ClosedAwareWriter writer;
    private final Connection socket;
    private final ReadHandler reader;
    @SuppressWarnings("unused") // through STATE
    private volatile int state = IDLE;

    UpgradedConnection(Connection socket, ClosedAwareWriter writer, int maxPayloadSize) {
        this.guard = new FrameGuard(maxPayloadSize);
        this.writer = writer;
        this.socket = socket;
        this.reader = socket.getReadHandler();
    }

    /**
     * Checks the frame headers in {@code buffer} and hands its bytes to Tyrus, or closes the
     * connection with the guard's code (before Tyrus buffers anything). Bytes that arrive after the
     * socket closed, or after the server's close frame and the close of its output, are dropped.
     * Returns the chain's stop.
     */
    NextAction read(FilterChainContext ctx, Buffer buffer) {
        int verdict = guard.inspect(buffer);
        if (guard.closeReceived()) {
            writer.peerClosed();
        }
        if (writer.isLingering()) {
            return ctx.getStopAction(); // the server's close frame went out: read and discard
        }
        if (verdict != FrameGuard.OK) {
            log.debug("closing a connection from {} with {}: frame refused before buffering",
                    ctx.getConnection().getPeerAddress(), verdict);
            writer.refuse(verdict);
            tellTyrus(verdict);
            return ctx.getStopAction();
        }
        if (!buffer.hasRemaining()) {
            return ctx.getStopAction();
        }
        if (!STATE.compareAndSet(this, IDLE, READING)) {
            if ((int) STATE.getVolatile(this) == CLOSED) {
                return ctx.getStopAction(); // the socket is gone: nobody is left to read these bytes
            }
            // Grizzly never runs two reads of one connection at once; if it did, the frames could not
            // be ordered: fail loudly instead of dropping them
            log.error("two reads of one connection from {} ran at once; closing it with 1011",
                    ctx.getConnection().getPeerAddress());
            writer.refuse(1011);
            return ctx.getStopAction();
        }
        try {
            if (!buffer.isComposite()) {
                reader.handle(buffer.toByteBuffer());
            } else {
                ByteBufferArray array = buffer.toByteBufferArray();
                ByteBuffer[] parts = array.getArray();
                for (int i = 0; i < array.size(); i++) {
                    reader.handle(parts[i]);
                }
                array.recycle();
            }
        } finally {
            if (!STATE.compareAndSet(this, READING, IDLE)) {
                // the socket closed while this read ran
                STATE.setVolatile(this, CLOSED);
                socket.close(DROPPED);
            }
        }
        return ctx.getStopAction();
    }

    /**
     * Tells Tyrus (and so the endpoint) at once that the connection was refused with {@code code},
     * rather than when the socket closes after the linger: deliveries stop now and the endpoint sees
     * the code that was sent. Tyrus's own close frame is dropped by the writer (one went already).
     */
    private void tellTyrus(int code) {
        if (!STATE.compareAndSet(this, IDLE, READING)) {
            return; // the socket closed meanwhile: Tyrus hears of that instead
        }
        try {
            socket.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), "frame refused"));
        } finally {
            if (!STATE.compareAndSet(this, READING, IDLE)) {
                STATE.setVolatile(this, CLOSED);
                socket.close(DROPPED);
            }
        }
    }

    /**
     * Tells Tyrus the socket is gone (a no-op when Tyrus closed it itself): at once, or when the
     * read in progress ends. Runs once however often it is called.
     */
    void closed() {
        while (true) {
            int current = (int) STATE.getVolatile(this);
            if (current == IDLE) {
                if (STATE.compareAndSet(this, IDLE, CLOSED)) {
                    socket.close(DROPPED);
                    return;
                }
            } else if (current == READING) {
                if (STATE.compareAndSet(this, READING, READING_THEN_CLOSE)) {
                    return;
                }
            } else {
                return;
            }
        }
    }
}
