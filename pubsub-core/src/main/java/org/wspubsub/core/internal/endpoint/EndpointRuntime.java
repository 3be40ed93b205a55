package org.wspubsub.core.internal.endpoint;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.wspubsub.core.internal.ServiceConfig;
import org.wspubsub.core.internal.host.HostCallbacks;
import org.wspubsub.core.internal.host.MetricsDispatcher;
import org.wspubsub.core.internal.hub.Hub;
import org.wspubsub.core.internal.protocol.JsonCodec;
import org.wspubsub.core.internal.protocol.PublicationEncoder;
import org.wspubsub.core.internal.protocol.ServerFrames;

/**
 * Everything the endpoint's connections share within one service: configuration, codec, hub,
 * host callbacks, metrics, the registry of open connections and the service's executors.
 * Created by {@code WebSocketService}; immutable apart from {@link #accepting}. Thread-safe.
 *
 * @param config           the service configuration
 * @param codec            JSON parsing and writing
 * @param frames           reply frame builder
 * @param encoder          publication encoder
 * @param hub              topic hub
 * @param callbacks        host callbacks, run off the I/O threads
 * @param metrics          metrics hooks, run on their own thread
 * @param registry         open connections
 * @param writers          drain outbound queues (socket writes)
 * @param fanOut           runs closes and other short socket tasks off the caller's thread
 * @param timer            pings, ping timeouts and auth timeouts
 * @param transports       chooses each session's frame transport
 * @param lifecycle        whether new connections are accepted
 */
public record EndpointRuntime(ServiceConfig config, JsonCodec codec, ServerFrames frames,
                              PublicationEncoder encoder, Hub<ClientConnection> hub, HostCallbacks callbacks,
                              MetricsDispatcher metrics, ConnectionRegistry registry,
                              FanOutWorkers writers, ExecutorService fanOut, ScheduledExecutorService timer,
                              TransportFactory transports, Lifecycle lifecycle) {

    /** Whether the service accepts new connections; flipped once by {@code stop()}. */
    public static final class Lifecycle {
        private volatile boolean accepting = true;

        public boolean accepting() {
            return accepting;
        }

        public void stopAccepting() {
            accepting = false;
        }
    }
}
