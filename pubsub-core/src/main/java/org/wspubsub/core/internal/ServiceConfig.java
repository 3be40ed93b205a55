package org.wspubsub.core.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.wspubsub.api.Authenticator;
import org.wspubsub.api.MetricsListener;
import org.wspubsub.api.PublishAuthorizer;
import org.wspubsub.api.SubscribeAuthorizer;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.core.http.HttpEndpoint;

/**
 * The validated, immutable configuration of one service, built by {@code WebSocketService.Builder}
 * (which documents each option and its default). Thread-safe.
 */
public record ServiceConfig(
        String path,
        String host,
        int port,
        int maxConnections,
        int maxConnectionsPerAddress,
        Duration pingInterval,
        Duration pingTimeout,
        Set<String> allowOrigins,
        boolean requireAuthentication,
        Set<String> keepHandshakeHeaders,
        Duration authTimeout,
        Duration handshakeTimeout,
        int maxPayloadSize,
        boolean perMessageDeflate,
        Authenticator authenticator,
        SubscribeAuthorizer subscribeAuthorizer,
        PublishAuthorizer publishAuthorizer,
        BrokerAdapter adapter,
        MetricsListener metrics,
        int maxSubscriptionsPerConnection,
        int outboundQueueBytes,
        int outboundQueueMessages,
        Duration sendTimeout,
        Duration callbackTimeout,
        Duration publishTimeout,
        Duration adapterStartTimeout,
        Duration shutdownDrainPeriod,
        int callbackThreads,
        int callbackQueueSize,
        int fanOutThreads,
        int maxPendingRequests,
        String nodeId,
        Map<String, HttpEndpoint> httpEndpoints,
        TrustedProxies trustedProxies) {

    /** Whether {@code origin} may open a connection: any origin when the list is empty or holds {@code *}. */
    public boolean originAllowed(String origin) {
        if (allowOrigins.isEmpty() || allowOrigins.contains("*")) {
            return true;
        }
        return origin != null && allowOrigins.contains(origin);
    }
}
