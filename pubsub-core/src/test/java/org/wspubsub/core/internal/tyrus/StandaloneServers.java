package org.wspubsub.core.internal.tyrus;

import java.io.IOException;
import org.wspubsub.core.ServiceInternals;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.internal.endpoint.HandshakeHandOff;

/**
 * A standalone server of a test's own over a started service's runtime (its options, hub and
 * registry), on another free port: the test can then read that server's filters and tables, which
 * only its own handshakes touched.
 */
final class StandaloneServers {

    private StandaloneServers() {
    }

    /** Starts a standalone server over {@code service}'s runtime; the caller stops it. */
    static StandaloneServer startedOver(WebSocketService service) throws IOException {
        HandshakeHandOff handOff = new HandshakeHandOff();
        StandaloneServer server = new StandaloneServer(ServiceInternals.runtime(service),
                ServiceInternals.newEndpoint(service, handOff), handOff);
        server.start();
        return server;
    }
}
