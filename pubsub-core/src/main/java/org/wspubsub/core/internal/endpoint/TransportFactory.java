package org.wspubsub.core.internal.endpoint;

import jakarta.websocket.Session;

/**
 * Chooses the {@link FrameTransport} for a new session. The standalone Tyrus server plugs in one
 * that writes raw frames; any other container gets {@link #STANDARD}. Thread-safe.
 */
@FunctionalInterface
public interface TransportFactory {

    TransportFactory STANDARD = StandardFrameTransport::new;

    FrameTransport create(Session session);
}
