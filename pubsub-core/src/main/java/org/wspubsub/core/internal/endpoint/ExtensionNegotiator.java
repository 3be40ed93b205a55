package org.wspubsub.core.internal.endpoint;

import jakarta.websocket.Extension;
import java.util.List;

/**
 * Decides which of the extensions a client offered in its handshake are accepted. The container
 * behind the endpoint supplies it: the standalone server plugs in its bounded permessage-deflate;
 * {@link #NONE} accepts nothing, so the handshake answer carries no {@code Sec-WebSocket-Extensions}.
 *
 * <p>Called by the container on its handshake threads; implementations are thread-safe.
 */
@FunctionalInterface
public interface ExtensionNegotiator {

    /** Accepts no extension. */
    ExtensionNegotiator NONE = requested -> List.of();

    /**
     * @param requested the client's offers, in the order of its header (never null)
     * @return the extensions to use on this connection, each at most once
     */
    List<Extension> negotiate(List<Extension> requested);
}
