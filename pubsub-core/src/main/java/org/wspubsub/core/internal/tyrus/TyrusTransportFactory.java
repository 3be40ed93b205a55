package org.wspubsub.core.internal.tyrus;

import jakarta.websocket.Session;
import org.wspubsub.core.internal.endpoint.FrameTransport;
import org.wspubsub.core.internal.endpoint.TransportFactory;

/** Gives Tyrus sessions the raw batched transport where possible. Stateless; thread-safe. */
public final class TyrusTransportFactory implements TransportFactory {

    @Override
    public FrameTransport create(Session session) {
        return RawFrameTransport.forSession(session);
    }

    /** Whether raw writes work with the Tyrus on the class path. */
    public static boolean rawWritesAvailable() {
        return RawFrameTransport.isAvailable();
    }

    /** Whether raw writes can skip Tyrus's writer and Grizzly's filter chain. */
    public static boolean directWritesAvailable() {
        return RawFrameTransport.isDirectAvailable();
    }

    /** Why raw writes do not work, or null. */
    public static Throwable rawWritesUnavailableBecause() {
        return RawFrameTransport.unavailableBecause();
    }
}
