package org.wspubsub.core.internal.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.internal.protocol.CloseCodes;
import org.wspubsub.core.internal.protocol.ErrorCode;

/**
 * The protocol v1 endpoint, written against {@code jakarta.websocket} only, so any Jakarta
 * WebSocket container can run it (the standalone Tyrus server is one).
 *
 * <p>The container calls it on its I/O worker threads, in order per session. It does only
 * non-blocking work there: it checks the frame size, then hands the frame to the connection's
 * request queue; host callbacks run on the callback executor and writes on the fan-out executor.
 * One instance serves every session of a service; per-connection state lives in
 * {@link ClientConnection}.
 */
public final class PubSubEndpoint extends Endpoint {

    private static final Logger log = LoggerFactory.getLogger(PubSubEndpoint.class);

    private final EndpointRuntime runtime;
    private final Authentication authentication;
    private final RequestDispatcher dispatcher;
    private final HandshakeHandOff handOff;

    public PubSubEndpoint(EndpointRuntime runtime, Authentication authentication, RequestDispatcher dispatcher,
                          HandshakeHandOff handOff) {
        this.runtime = runtime;
        this.authentication = authentication;
        this.dispatcher = dispatcher;
        this.handOff = handOff;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        HandshakeData handshake = handshakeOf(session);
        if (handshake == null) {
            refuseWithoutHandshake(session);
            return;
        }
        ClientConnection connection = new ClientConnection(session, runtime, handshake.request());
        // the text handler is also how onClose finds the connection again, without a user property
        session.addMessageHandler(String.class, new TextFrames(connection));
        // ping liveness replaces the container's idle timeout. Negative, not 0: both mean "never" in
        // the spec, but with 0 Tyrus cancels and reschedules a timer task on every incoming message
        session.setMaxIdleTimeout(-1);
        session.setMaxTextMessageBufferSize(runtime.config().maxPayloadSize());
        session.setMaxBinaryMessageBufferSize(runtime.config().maxPayloadSize());
        if (!runtime.lifecycle().accepting()) {
            connection.close(CloseCodes.GOING_AWAY, "server shutting down");
            return;
        }
        if (runtime.registry().size() >= runtime.config().maxConnections()) {
            connection.close(CloseCodes.TRY_AGAIN_LATER, "maxConnections reached");
            return;
        }
        if (runtime.registry().countFrom(connection.remoteAddress()) >= runtime.config().maxConnectionsPerAddress()) {
            connection.close(CloseCodes.TRY_AGAIN_LATER, "maxConnectionsPerAddress reached");
            return;
        }
        runtime.registry().add(connection);
        session.addMessageHandler(ByteBuffer.class, binary -> {
            connection.touched();
            connection.close(CloseCodes.UNSUPPORTED_DATA, "binary frames are not supported");
        });
        session.addMessageHandler(PongMessage.class, pong -> connection.touched());
        log.debug("connection={} opened from {}", connection.id(), connection.remoteAddress());
        runtime.metrics().onConnection(connection);
        authentication.onOpen(connection, handshake);
    }

    /**
     * What the handshake left for this session: offered on this thread by the standalone server,
     * or left in the user properties by the configurator (removed, so the session keeps nothing);
     * null when neither did.
     */
    private HandshakeData handshakeOf(Session session) {
        HandshakeData handshake = handOff.take();
        if (handshake == null) {
            handshake = (HandshakeData) session.getUserProperties().remove(HandshakeData.USER_PROPERTY);
        }
        return handshake;
    }

    /**
     * A session whose handshake left nothing: the endpoint was deployed without the service's
     * {@link HandshakeConfigurator}, so its token, headers and address are unknown. Serving it would
     * drop authentication silently; it is closed with {@code 1011} instead, and an ERROR says why.
     */
    private void refuseWithoutHandshake(Session session) {
        log.error("connection={} opened without the handshake's data: the endpoint was deployed without the "
                + "service's HandshakeConfigurator, so its token and address are unknown; closing with 1011. "
                + "Deploy the endpoint with the configuration the service provides", session.getId());
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "server misconfigured"));
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("connection={} close failed: {}", session.getId(), e.toString());
        }
    }

    /** The connection a session's {@link TextFrames} handler serves, or null before onOpen registered it. */
    private static ClientConnection connectionOf(Session session) {
        for (MessageHandler handler : session.getMessageHandlers()) {
            if (handler instanceof TextFrames frames) {
                return frames.connection;
            }
        }
        return null;
    }

    /** A session's text frames, handed to its connection; container threads, in order per session. */
    private final class TextFrames implements MessageHandler.Whole<String> {
        private final ClientConnection connection;

        TextFrames(ClientConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onMessage(String text) {
            onText(connection, text);
        }
    }

    private void onText(ClientConnection connection, String text) {
        connection.touched();
        if (connection.isClosing()) {
            return;
        }
        if (exceedsPayloadLimit(text)) {
            connection.close(CloseCodes.TOO_BIG, "frame larger than maxPayloadSize");
            return;
        }
        if (!connection.enqueueRequest(() -> dispatcher.handle(connection, text))) {
            connection.sendError(ErrorCode.RATE_LIMITED, "too many requests waiting for an answer", null, null);
        }
    }

    private boolean exceedsPayloadLimit(String text) {
        int max = runtime.config().maxPayloadSize();
        int chars = text.length();
        if (chars > max) {
            return true;
        }
        if ((long) chars * 3 <= max) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > max;
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        ClientConnection connection = connectionOf(session);
        if (connection == null || !connection.markCleanedUp()) {
            return;
        }
        // a connection refused in onOpen was never registered, nor reported: no onDisconnect for it
        boolean reported = runtime.registry().remove(connection);
        for (String topic : connection.subscriptionSet().takeAll()) {
            runtime.hub().unsubscribe(topic, connection);
            runtime.metrics().onUnsubscribe(connection, topic);
        }
        int code = closeReason == null ? CloseCodes.NORMAL : closeReason.getCloseCode().getCode();
        String reason = closeReason == null ? "" : closeReason.getReasonPhrase();
        log.debug("connection={} closed code={} reason={}", connection.id(), code, reason);
        if (reported) {
            runtime.metrics().onDisconnect(connection, code, reason);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        TransportErrors.log(log, "transport error", session.getId(), error, session.isOpen());
    }
}
