package org.wspubsub.core.internal.endpoint;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Header names the handshake snapshot treats specially. Every connection keeps its upgrade
 * request for the authenticator (an {@code auth} frame may come at any time), so the snapshot
 * keeps it small: the headers that only serve the upgrade itself are left out, and common header
 * names are shared instances instead of one copy per connection. Stateless.
 */
final class KnownHeaders {

    /**
     * Meaningful only while the connection upgrades; nothing reads them afterwards. The ticket
     * header is the service's own, never the client's.
     */
    private static final Set<String> UPGRADE_ONLY = Set.of("sec-websocket-key", "sec-websocket-version",
            "sec-websocket-extensions", "upgrade", "connection", HandshakeTickets.HEADER);

    private static final Map<String, String> CANONICAL = Stream.of("host", "origin", "user-agent", "cookie",
                    "authorization", "accept", "accept-encoding", "accept-language", "cache-control", "pragma",
                    "sec-websocket-protocol", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
                    "x-real-ip", "forwarded", "referer")
            .collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));

    private KnownHeaders() {
    }

    /**
     * The headers a connection keeps: names in lower case (shared instances for common ones),
     * without those that only serve the upgrade. Immutable.
     */
    static Map<String, List<String>> keptForTheConnection(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new HashMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!UPGRADE_ONLY.contains(lower)) {
                kept.put(CANONICAL.getOrDefault(lower, lower), List.copyOf(values));
            }
        });
        return Map.copyOf(kept);
    }
}
