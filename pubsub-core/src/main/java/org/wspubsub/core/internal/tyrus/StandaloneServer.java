package org.wspubsub.core.internal.tyrus;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.internal.endpoint.EndpointRuntime;
import org.wspubsub.core.internal.endpoint.ExtensionNegotiator;
import org.wspubsub.core.internal.endpoint.HandshakeConfigurator;
import org.wspubsub.core.internal.endpoint.HandshakeHandOff;
import org.wspubsub.core.internal.endpoint.PubSubEndpoint;

/**
 * The standalone server: a Grizzly {@link HttpServer} of our own, bound to the configured host and
 * port, where our {@link HandshakeGuardFilter} judges WebSocket upgrades and hands the admitted
 * ones to Tyrus's engine (through the {@link TyrusUpgrader}), serving the endpoint at the
 * configured path and the host's {@link org.wspubsub.core.http.HttpEndpoint}s on the same port.
 *
 * <p>The only place besides its package siblings that touches Grizzly and Tyrus. Started and
 * stopped by {@code WebSocketService} on the caller's thread.
 */
public final class StandaloneServer {

    private static final Logger log = LoggerFactory.getLogger(StandaloneServer.class);
    private static final String LISTENER = "wspubsub";
    /**
     * Tyrus's incomingBufferSize bounds the bytes buffered from one TCP read, not one frame: a burst of
     * small frames can fill it. Sized at twice the payload limit plus a read's worth, frames up to twice
     * the limit reach the endpoint (and close with 1009); larger ones get Tyrus's 1011.
     */
    private static final int READ_SLACK = 256 * 1024;

    private final EndpointRuntime runtime;
    private final PubSubEndpoint endpoint;
    private final HandshakeHandOff handOff;
    // A/B, idle, 10,000 connections, 2026-12-08: heap 4.2 KB/conn with adoption, 13.0 without (docs/performance.md)
    private final UpgradedConnectionFilter upgradedConnections = new UpgradedConnectionFilter();
    /** Decodes the guard's header text. */
    private HttpServer server;
    private TyrusContainer container;
    private int boundPort = -1;

    public StandaloneServer(EndpointRuntime runtime, PubSubEndpoint endpoint, HandshakeHandOff handOff) {
        this.runtime = runtime;
        this.endpoint = endpoint;
        this.handOff = handOff;
    }

    public void start() throws IOException {
        int maxPayload = runtime.config().maxPayloadSize();
        container = new TyrusContainer((int) Math.min(Integer.MAX_VALUE - 64, 2L * maxPayload + READ_SLACK));
        ServerEndpointConfig endpointConfig = ServerEndpointConfig.Builder
                .create(PubSubEndpoint.class, runtime.config().path())
                .configurator(new HandshakeConfigurator(runtime, endpoint, handOff, runtime.config().perMessageDeflate()
                        ? new PerMessageDeflate(maxPayload) : ExtensionNegotiator.NONE))
                .build();
        try {
            container.register(endpointConfig);
        } catch (DeploymentException e) {
            throw new IOException("the WebSocket endpoint could not be deployed at " + runtime.config().path(), e);
        }
        container.setDefaultMaxTextMessageBufferSize(maxPayload);
        container.setDefaultMaxSessionIdleTimeout(-1); // see PubSubEndpoint.onOpen

        server = new HttpServer();
        NetworkListener listener = new NetworkListener(LISTENER, runtime.config().host(), runtime.config().port());
        TCPNIOTransport transport = listener.getTransport();
        transport.setIOStrategy(WorkerThreadIOStrategy.getInstance());
        // closes sockets that never complete an upgrade, and idle plain-HTTP ones; upgraded connections
        // switch it off (TyrusUpgrader) and are watched by ping liveness instead
        listener.getKeepAlive().setIdleTimeoutInSeconds((int) Math.max(1, runtime.config().handshakeTimeout().toSeconds()));
        TyrusUpgrader upgrader = new TyrusUpgrader(container.getWebSocketEngine(), runtime, handOff, upgradedConnections);
        listener.registerAddOn(new WebSocketAddOn(new HandshakeGuardFilter(runtime, upgrader),
                upgradedConnections));
        server.addListener(listener);
        runtime.config().httpEndpoints().forEach((path, handler) -> server.getServerConfiguration()
                .addHttpHandler(new HttpEndpointBridge(path, handler, runtime), path));
        server.getServerConfiguration().setJmxEnabled(false);
        server.start();
        boundPort = listener.getPort();
        log.info("listening on ws://{}:{}{}", runtime.config().host(), boundPort, runtime.config().path());
    }

    /** The filter that takes this server's upgraded connections off the HTTP codec, and counts them. */
    UpgradedConnectionFilter upgradedConnections() {
        return upgradedConnections;
    }

    /** The port bound by {@link #start()}. */
    public int port() {
        return boundPort;
    }

    /** Stops the container and the HTTP server, releasing the port. */
    public void stop() {
        if (container != null) {
            container.stop();
        }
        if (server != null) {
            // connections were already drained with 1001 by the service: nothing is left to wait for
            server.shutdownNow();
        }
    }

    /**
     * Puts the guard filter (which hands admitted upgrades to Tyrus) right in front of the HTTP
     * server's handlers, and the filter that takes upgraded connections off the HTTP codec right in
     * front of the codec. The rest of the chain is Grizzly's own.
     */
    static final class WebSocketAddOn implements AddOn {
        private final HandshakeGuardFilter guard;
        private final UpgradedConnectionFilter upgraded;

        WebSocketAddOn(HandshakeGuardFilter guard, UpgradedConnectionFilter upgraded) {
            this.guard = guard;
            this.upgraded = upgraded;
        }

        @Override
        public void setup(NetworkListener networkListener, FilterChainBuilder builder) {
            int handlers = builder.indexOfType(org.glassfish.grizzly.http.server.HttpServerFilter.class);
            if (handlers < 0) {
                throw new IllegalStateException("Grizzly's HTTP server filter is missing from the filter chain");
            }
            builder.add(handlers, guard);
            int codec = builder.indexOfType(HttpServerFilter.class);
            if (codec < 0) {
                throw new IllegalStateException("Grizzly's HTTP codec filter is missing from the filter chain");
            }
            builder.add(codec, upgraded);
        }
    }
}
