package org.wspubsub.core.internal.endpoint;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * The portable {@link FrameTransport}: {@code getAsyncRemote().sendText} for each frame of a batch,
 * the next one sent from the previous one's completion (some containers refuse overlapping async
 * sends). Works in any Jakarta WebSocket container and with any negotiated extension.
 *
 * <p>Thread-safe under the one-write-at-a-time rule of {@link FrameTransport}.
 */
public final class StandardFrameTransport implements FrameTransport {

    private static final Logger log = LoggerFactory.getLogger(StandardFrameTransport.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Session session;

    public StandardFrameTransport(Session session) {
        this.session = session;
    }

    @Override
    public void write(List<OutboundFrame> frames, WriteCallback done) {
        sendFrom(frames, 0, done);
    }

    private void sendFrom(List<OutboundFrame> frames, int index, WriteCallback done) {
        if (index == frames.size()) {
            done.written(null);
            return;
        }
        OutboundFrame frame = frames.get(index);
        if (frame.isPing()) {
            ping();
            sendFrom(frames, index + 1, done);
            return;
        }
        try {
            session.getAsyncRemote().sendText(frame.text(), (SendResult result) -> {
                if (result.isOK()) {
                    sendFrom(frames, index + 1, done);
                } else {
                    done.written(result.getException());
                }
            });
        } catch (RuntimeException e) {
            done.written(e);
        }
    }

    private void ping() {
        try {
            session.getAsyncRemote().sendPing(EMPTY.duplicate());
        } catch (IOException | RuntimeException e) {
            TransportErrors.log(log, "ping failed", session.getId(), e, session.isOpen());
        }
    }

    @Override
    public boolean isRaw() {
        return false;
    }

    @Override
    public void abort() {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            TransportErrors.log(log, "close failed", session.getId(), e, session.isOpen());
        }
    }
}
