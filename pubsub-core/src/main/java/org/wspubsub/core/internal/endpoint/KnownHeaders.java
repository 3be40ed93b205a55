package org.wspubsub.core.internal.endpoint;

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
public final class KnownHeaders {

    /** Meaningful only while the connection upgrades; nothing reads them afterwards. */
    private static final Set<String> UPGRADE_ONLY = Set.of("sec-websocket-key", "sec-websocket-version",
            "sec-websocket-extensions", "upgrade", "connection");

    private static final Map<String, String> CANONICAL = Stream.of("host", "origin", "user-agent", "cookie",
                    "authorization", "accept", "accept-encoding", "accept-language", "cache-control", "pragma",
                    "sec-websocket-protocol", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
                    "x-real-ip", "forwarded", "referer")
            .collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));

    /**
     * Headers that carry the client's credentials: a connection drops them once it is authenticated
     * (but those the host names in {@code keepHandshakeHeaders}).
     */
    public static final Set<String> CREDENTIALS = Set.of("authorization", "cookie");

    /** Every name above, for a caller that matches names without turning them into strings first. */
    private static final List<String> NAMES = Stream.concat(UPGRADE_ONLY.stream(), CANONICAL.keySet().stream()).toList();

    private KnownHeaders() {
    }

    /** The lower-case names this class knows (upgrade-only and common ones), as shared instances. */
    public static List<String> names() {
        return NAMES;
    }

    /** Whether a connection keeps the header {@code lowerCaseName} (false for those that only serve the upgrade). */
    public static boolean kept(String lowerCaseName) {
        return !UPGRADE_ONLY.contains(lowerCaseName);
    }

    /** Whether header {@code lowerCaseName} carries credentials ({@link #CREDENTIALS}). */
    public static boolean credential(String lowerCaseName) {
        return CREDENTIALS.contains(lowerCaseName);
    }

    /** {@code lowerCaseName}, as the shared instance when it is a common header name. */
    public static String canonical(String lowerCaseName) {
        return CANONICAL.getOrDefault(lowerCaseName, lowerCaseName);
    }

    /**
     * The headers a connection keeps: names in lower case (shared instances for common ones),
     * without those that only serve the upgrade.
     */
    static NamedValues keptForTheConnection(Map<String, List<String>> headers) {
        NamedValues kept = new NamedValues();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (kept(lower)) {
                values.forEach(value -> kept.add(canonical(lower), value));
            }
        });
        return kept;
    }
}
