package org.wspubsub.core.internal.tyrus;

import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.WriterInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tyrus's {@link GrizzlyWriter} for one upgraded connection, which also owns the end of the
 * connection's output: every frame, Tyrus's own and the raw ones written beside it
 * ({@link RawFrameTransport}), passes a gate here, and three rules hold.
 * <ul>
 *   <li><b>Nothing after the close frame.</b> Once a close frame was handed on (Tyrus's, or one this
 *       server refuses a frame with, {@link #refuse}), every later write fails without being sent
 *       (RFC 6455, section 5.5.1). A write being handed on while the close frame arrives goes first:
 *       the close frame is then handed on by that write's thread right after it, so no thread ever
 *       waits for another and no lock is held while calling Grizzly or Tyrus.</li>
 *   <li><b>A close handshake, not a reset.</b> When Tyrus (or {@link #refuse}) closes the output
 *       after a close frame of the server's, the socket is not closed at once: the connection's reads
 *       go on being discarded ({@link UpgradedConnection}) until the client's close frame has been
 *       read ({@link #peerClosed}) or {@link #LINGER_MILLIS} has passed, whichever comes first. Closing a
 *       socket that has unread bytes (the rest of an oversized frame, a burst of requests) makes the
 *       kernel send a reset, and the client's stack then drops the close frame it had not yet read:
 *       the client saw {@code 1006} instead of the server's code. When the client's close frame
 *       came first (the client started the close), the socket closes right after the reply.</li>
 *   <li><b>No stack trace for a gone peer.</b> When a client's socket goes away, Tyrus still writes
 *       its close frame to it (its close handshake cannot know the peer is gone), and Tyrus's writer
 *       fails that write with a new exception and its stack trace: about 1.8 KB of garbage and a
 *       walk of a 20-frame stack for every dropped connection, tens of thousands of them when a load
 *       balancer drops a node's clients at once. This one fails such a write with
 *       {@link ConnectionNotOpen}, which has no stack trace.</li>
 * </ul>
 * Every other write, including the holding back of Tyrus's own frames while Grizzly's write queue is
 * full, is Tyrus's writer's.
 *
 * <p>Thread-safe. Called, like Tyrus's writer, on any thread that writes to the session: Tyrus's
 * (its close and pong frames), the fan-out workers and the request threads; {@link #peerClosed} on
 * the connection's reading worker; the linger's end on the service's timer thread.
 */
final class ClosedAwareWriter extends GrizzlyWriter {

    private static final Logger log = LoggerFactory.getLogger(ClosedAwareWriter.class);
    /** How long the server waits for the client's close frame after its own before it closes the socket. */
    static final long LINGER_MILLIS = 2_000;
    /** The first byte of a close frame (FIN and opcode 8). */
    private static final byte CLOSE_FRAME = (byte) 0x88;

    private final Connection<?> connection;
    /** Ends a linger; null closes at once (a writer outside a running service, in tests). */
    private final ScheduledExecutorService timer;

    // guarded by this; never held while calling out
    /** Writes being handed on right now; a held close frame and socket close wait for the last one. */
    private int handing;
    /** What the last write being handed on runs when it is done (the close frame, the close). */
    private Runnable held;
    /** A close frame was accepted: every later write is dropped. */
    private boolean closeFrameSent;
    /** The client's close frame was read. */
    private boolean peerClosed;
    /** The output was closed after the close frame: reads are discarded until the socket closes. */
    private volatile boolean lingering;
    private ScheduledFuture<?> lingerEnd;
    private boolean socketClosed;

    ClosedAwareWriter(Connection<?> connection, ScheduledExecutorService timer) {
        super(connection);
        this.connection = connection;
        this.timer = timer;
    }

    /** A writer whose close closes the socket at once, without lingering (for tests). */
    ClosedAwareWriter(Connection<?> connection) {
        this(connection, null);
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
        write(buffer, completionHandler, null);
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler, WriterInfo info) {
        boolean close = isCloseFrame(buffer, info);
        boolean dropped = false;
        synchronized (this) {
            if (closeFrameSent) {
                // after the close frame nothing may be sent; a close frame of Tyrus's after a refusal too
                dropped = true;
            } else if (close && handing > 0) {
                closeFrameSent = true;
                held = then(held, () -> handOn(buffer, completionHandler));
                return;
            } else {
                closeFrameSent = close;
                handing++;
            }
        }
        if (dropped) {
            completionHandler.failed(new ConnectionNotOpen());
            return;
        }
        try {
            handOn(buffer, completionHandler);
        } finally {
            handed();
        }
    }

    private void handOn(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
        if (!connection.isOpen()) {
            completionHandler.failed(new ConnectionNotOpen());
            return;
        }
        super.write(buffer, completionHandler);
    }

    /**
     * Lets a raw write ({@link RawFrameTransport}) be handed on to Grizzly: false once the close
     * frame was accepted (the write must then be dropped); after true the caller hands its bytes on
     * and then calls {@link #handed()}, also when handing on failed.
     */
    boolean enterRaw() {
        synchronized (this) {
            if (closeFrameSent) {
                return false;
            }
            handing++;
            return true;
        }
    }

    /** Ends a write being handed on; the last one runs what waited for it (a close frame, the close). */
    void handed() {
        while (true) {
            Runnable next;
            synchronized (this) {
                if (handing > 1 || held == null) {
                    handing--;
                    return;
                }
                next = held;
                held = null;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                log.debug("a held close step failed: {}", e.toString());
            }
        }
    }

    /**
     * Refuses the connection with {@code code}: sends the close frame (unless one was sent already)
     * and closes the output, lingering for the client's close frame. Called on the reading worker
     * when a frame is refused before Tyrus sees it (which then tells Tyrus, see
     * {@link UpgradedConnection}).
     */
    void refuse(int code) {
        byte[] frame = {CLOSE_FRAME, 2, (byte) (code >> 8), (byte) code};
        write(ByteBuffer.wrap(frame), new CompletionHandler<>() {
        }, null);
        close();
    }

    /**
     * Closes the output after the close frame (Tyrus calls this right after writing it): closes the
     * socket once the client's close frame has been read, else lingers for it (at most
     * {@link #LINGER_MILLIS}). Runs after the close frame was handed on.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (handing > 0) {
                held = then(held, this::closeOrLinger);
                return;
            }
            handing++;
        }
        try {
            closeOrLinger();
        } finally {
            handed();
        }
    }

    private void closeOrLinger() {
        synchronized (this) {
            if (socketClosed || lingering) {
                return;
            }
            if (!peerClosed && closeFrameSent && timer != null && connection.isOpen()) {
                lingering = true;
                try {
                    lingerEnd = timer.schedule(this::lingerOver, LINGER_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                } catch (RejectedExecutionException e) {
                    // the service is stopping: close now
                }
            }
            socketClosed = true;
        }
        super.close();
    }

    /** Whether reads are being discarded while the server waits for the client's close frame. */
    boolean isLingering() {
        return lingering;
    }

    /**
     * The client's close frame was read in full: a linger ends (the socket closes) at once; a close
     * of the output still to come closes the socket without lingering. Called on the reading worker.
     */
    void peerClosed() {
        ScheduledFuture<?> end;
        synchronized (this) {
            if (peerClosed) {
                return;
            }
            peerClosed = true;
            if (!lingering || socketClosed) {
                return;
            }
            socketClosed = true;
            end = lingerEnd;
        }
        if (end != null) {
            end.cancel(false);
        }
        super.close();
    }

    private void lingerOver() {
        synchronized (this) {
            if (socketClosed) {
                return;
            }
            socketClosed = true;
        }
        log.debug("no close frame from {} within {} ms of the server's; closing the socket",
                connection.getPeerAddress(), LINGER_MILLIS);
        super.close();
    }

    private static boolean isCloseFrame(ByteBuffer buffer, WriterInfo info) {
        if (info != null && info.getMessageType() == WriterInfo.MessageType.CLOSE) {
            return true;
        }
        // Tyrus's close frames carry that info; a server frame's first byte tells the rest
        return info == null && buffer.remaining() > 0 && buffer.get(buffer.position()) == CLOSE_FRAME;
    }

    private static Runnable then(Runnable first, Runnable second) {
        return first == null ? second : () -> {
            first.run();
            second.run();
        };
    }

    /** A write to a closed connection, or after its close frame, failed; without a stack trace. */
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
