package org.wspubsub.core.internal.tyrus;

import jakarta.websocket.Session;
import java.io.Closeable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Future;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.NIOTransport;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter;
import org.glassfish.tyrus.core.ProtocolHandler;
import org.glassfish.tyrus.core.TyrusRemoteEndpoint;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.WriterInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.internal.endpoint.FrameTransport;
import org.wspubsub.core.internal.endpoint.StandardFrameTransport;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * The fast {@link FrameTransport} for Tyrus: the frames of a batch, already framed once per
 * publication, are concatenated and written with one raw write, bypassing Tyrus's per-message
 * framing. Tyrus exposes no public raw write with a completion callback, so this class reaches
 * {@code TyrusRemoteEndpoint.webSocket} and {@code ProtocolHandler.send(ByteBuffer, …)} through
 * method handles; it is the only class that does, and {@link #isAvailable()} says whether the
 * Tyrus on the class path still has them (a test fails loudly if an upgrade removes them).
 *
 * <p>When the session's writer is Tyrus's {@code GrizzlyWriter}, the batch goes one step further
 * down: straight into the Grizzly connection's asynchronous write queue, where the last filter of
 * the chain would put it anyway. That skips Tyrus's per-write task queue and future and Grizzly's
 * filter chain, none of which does anything to raw WebSocket bytes on this server (TLS, if any,
 * terminates in front of it). {@link #path()} tells which path a connection got. Either way a
 * raw write passes the gate of the session's {@link ClosedAwareWriter}: none is sent after the
 * connection's close frame.
 * Used when no extension or only our {@link DeflateConnection} was negotiated (then each frame's
 * compressed form is written); with any other extension, or when unavailable, sessions get the
 * {@link StandardFrameTransport}.
 *
 * <p>Thread-safe under the one-write-at-a-time rule of {@link FrameTransport}; writes happen on the
 * calling (fan-out) thread, completions on Grizzly's threads or inline.
 */
// Pays (issue 20 point 4), A/B of 2026-12-08: fan-out at 1,000 subscribers 266 and 400 msg/s clean against 129 and
// 96 with StandardFrameTransport; idle, 22.6 KB allocated per handshake against 25.2 (docs/performance.md).
final class RawFrameTransport implements FrameTransport {

    private static final Logger log = LoggerFactory.getLogger(RawFrameTransport.class);
    private static final WriterInfo RAW_INFO =
            new WriterInfo(WriterInfo.MessageType.TEXT, WriterInfo.RemoteEndpointType.BROADCAST);

    private static final MethodHandle WEB_SOCKET;
    private static final MethodHandle PROTOCOL_HANDLER;
    private static final MethodHandle SEND;
    private static final MethodHandle WRITER;
    private static final MethodHandle GRIZZLY_CONNECTION;
    private static final Throwable UNAVAILABLE;

    static {
        MethodHandle webSocket = null;
        MethodHandle protocolHandler = null;
        MethodHandle send = null;
        MethodHandle writer = null;
        MethodHandle grizzlyConnection = null;
        Throwable problem = null;
        try {
            MethodHandles.Lookup core = MethodHandles.privateLookupIn(TyrusRemoteEndpoint.class, MethodHandles.lookup());
            webSocket = core.findGetter(TyrusRemoteEndpoint.class, "webSocket", TyrusWebSocket.class);
            MethodHandles.Lookup ws = MethodHandles.privateLookupIn(TyrusWebSocket.class, MethodHandles.lookup());
            protocolHandler = ws.findGetter(TyrusWebSocket.class, "protocolHandler", ProtocolHandler.class);
            MethodHandles.Lookup ph = MethodHandles.privateLookupIn(ProtocolHandler.class, MethodHandles.lookup());
            send = ph.findVirtual(ProtocolHandler.class, "send", MethodType.methodType(Future.class, ByteBuffer.class,
                    CompletionHandler.class, WriterInfo.class, Boolean.class));
            writer = ph.findGetter(ProtocolHandler.class, "writer", org.glassfish.tyrus.spi.Writer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            problem = e;
        }
        try {
            MethodHandles.Lookup gw = MethodHandles.privateLookupIn(GrizzlyWriter.class, MethodHandles.lookup());
            grizzlyConnection = gw.findGetter(GrizzlyWriter.class, "connection", Connection.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("direct Grizzly writes unavailable: {}", e.toString());
        }
        WEB_SOCKET = webSocket;
        PROTOCOL_HANDLER = protocolHandler;
        SEND = send;
        WRITER = writer;
        GRIZZLY_CONNECTION = grizzlyConnection;
        UNAVAILABLE = problem;
    }

    private final ProtocolHandler handler;
    private final boolean compressed;
    /** For {@link #abort()} when the raw writer cannot be closed. */
    private final Session session;
    /** The Grizzly connection and its write queue for direct writes; null to write through Tyrus. */
    private final Connection<?> connection;
    private final AsyncQueueWriter<?> queue;
    /** The session's writer, whose gate drops direct writes after the close frame; null if not ours. */
    private final ClosedAwareWriter gate;

    private RawFrameTransport(ProtocolHandler handler, boolean compressed, Session session) {
        this.handler = handler;
        this.compressed = compressed;
        this.session = session;
        Connection<?> direct = directConnection(handler);
        this.connection = direct;
        this.queue = direct == null ? null : ((NIOTransport) direct.getTransport()).getAsyncQueueIO().getWriter();
        this.gate = direct == null ? null : closedAwareWriter(handler);
    }

    private static ClosedAwareWriter closedAwareWriter(ProtocolHandler handler) {
        try {
            return WRITER.invoke(handler) instanceof ClosedAwareWriter writer ? writer : null;
        } catch (Throwable e) {
            return null;
        }
    }

    private static Connection<?> directConnection(ProtocolHandler handler) {
        if (GRIZZLY_CONNECTION == null) {
            return null;
        }
        try {
            Object writer = WRITER.invoke(handler);
            if (writer instanceof GrizzlyWriter grizzly
                    && GRIZZLY_CONNECTION.invoke(grizzly) instanceof Connection<?> c
                    && c.getTransport() instanceof NIOTransport) {
                return c;
            }
        } catch (Throwable e) {
            log.debug("direct Grizzly writes unavailable for a connection: {}", e.toString());
        }
        return null;
    }

    @Override
    public String path() {
        return connection != null ? "raw-direct" : "raw";
    }

    /** The Grizzly connection written to directly, or null when writes go through Tyrus (for tests). */
    Connection<?> grizzlyConnection() {
        return connection;
    }

    /** Whether this Tyrus version has what the raw path needs; logs why not once. */
    static boolean isAvailable() {
        return UNAVAILABLE == null;
    }

    /** Whether this Tyrus version lets raw writes skip to Grizzly's write queue. */
    static boolean isDirectAvailable() {
        return UNAVAILABLE == null && GRIZZLY_CONNECTION != null;
    }

    static Throwable unavailableBecause() {
        return UNAVAILABLE;
    }

    /** A raw transport for {@code session}, or the standard one when the raw path cannot be used. */
    static FrameTransport forSession(Session session) {
        List<jakarta.websocket.Extension> extensions = session.getNegotiatedExtensions();
        boolean deflate = extensions.size() == 1 && extensions.get(0) instanceof DeflateConnection;
        if (UNAVAILABLE != null || (!extensions.isEmpty() && !deflate)
                || !(session.getAsyncRemote() instanceof TyrusRemoteEndpoint remote)) {
            return new StandardFrameTransport(session);
        }
        try {
            TyrusWebSocket socket = (TyrusWebSocket) WEB_SOCKET.invoke(remote);
            ProtocolHandler handler = (ProtocolHandler) PROTOCOL_HANDLER.invoke(socket);
            return new RawFrameTransport(handler, deflate, session);
        } catch (Throwable e) {
            log.warn("raw frame writes unavailable for connection={}; using the standard transport", session.getId(), e);
            return new StandardFrameTransport(session);
        }
    }

    @Override
    public void write(List<OutboundFrame> frames, WriteCallback done) {
        ByteBuffer buffer;
        if (frames.size() == 1) {
            buffer = ByteBuffer.wrap(bytes(frames.get(0)));
        } else {
            int total = 0;
            for (OutboundFrame frame : frames) {
                total += bytes(frame).length;
            }
            buffer = ByteBuffer.allocate(total);
            for (OutboundFrame frame : frames) {
                buffer.put(bytes(frame));
            }
            buffer.flip();
        }
        if (connection != null) {
            writeDirect(buffer, done);
            return;
        }
        try {
            SEND.invoke(handler, buffer, new WriteCompletion(done), RAW_INFO, Boolean.FALSE);
        } catch (Throwable e) {
            done.written(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // Grizzly's writer is generic in the peer address type
    private void writeDirect(ByteBuffer buffer, WriteCallback done) {
        if (!connection.isOpen()) {
            done.written(new IllegalStateException("the connection is closed"));
            return;
        }
        // never behind the close frame: the gate drops the write once the close frame was accepted
        if (gate != null && !gate.enterRaw()) {
            done.written(new ClosedAwareWriter.ConnectionNotOpen());
            return;
        }
        try {
            Buffer message = Buffers.wrap(connection.getMemoryManager(), buffer);
            ((AsyncQueueWriter) queue).write(connection, message, new WriteCompletion(done));
        } catch (RuntimeException e) {
            done.written(e);
        } finally {
            if (gate != null) {
                gate.handed();
            }
        }
    }

    /** Reports the end of a write to the connection's callback, from Tyrus or from Grizzly. */
    private static final class WriteCompletion extends CompletionHandler<Object>
            implements org.glassfish.grizzly.CompletionHandler<Object> {
        private final WriteCallback done;

        WriteCompletion(WriteCallback done) {
            this.done = done;
        }

        @Override
        public void completed(Object result) {
            done.written(null);
        }

        @Override
        public void failed(Throwable throwable) {
            done.written(throwable);
        }

        @Override
        public void cancelled() {
            done.written(new java.util.concurrent.CancellationException("write cancelled"));
        }

        @Override
        public void updated(Object result) {
            // progress of a partial write: only the end matters
        }
    }

    private byte[] bytes(OutboundFrame frame) {
        return compressed ? frame.compressedWireFrame() : frame.wireFrame();
    }

    @Override
    public boolean isRaw() {
        return true;
    }

    @Override
    public void abort() {
        try {
            Object writer = WRITER.invoke(handler);
            if (writer instanceof Closeable closeable) {
                closeable.close();
            }
        } catch (Throwable e) {
            log.debug("abort failed: {}", e.toString());
            new StandardFrameTransport(session).abort();
        }
    }
}
