package org.wspubsub.core.internal.endpoint;

import java.util.List;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * How a connection's queued frames reach its socket. The standard implementation uses the
 * {@code jakarta.websocket} async remote (one message per frame, works in any container); a
 * container-specific one may write all the frames of a batch in one raw write.
 *
 * <p>A connection has at most one {@link #write} outstanding at a time; {@link #write} never
 * blocks, and may be called from any thread.
 */
public interface FrameTransport {

    /** Called once a {@link #write} finished, on whatever thread the container completes it. */
    interface WriteCallback {
        void written(Throwable failureOrNull);
    }

    /**
     * Writes {@code frames} in order (a {@link OutboundFrame#isPing() ping} as a WebSocket ping),
     * then calls {@code done} exactly once.
     */
    void write(List<OutboundFrame> frames, WriteCallback done);

    /** Whether the batch is written with one raw write (for logs and tests). */
    boolean isRaw();

    /** Which path writes take, for logs and tests: {@code standard}, {@code raw} or {@code raw-direct}. */
    default String path() {
        return isRaw() ? "raw" : "standard";
    }

    /** Drops the connection without a close handshake (a peer that cannot even take a close frame). */
    void abort();
}
