package org.wspubsub.api.adapter;

/**
 * Makes an adapter discoverable through {@link java.util.ServiceLoader} (register the
 * implementation in {@code META-INF/services/org.wspubsub.api.adapter.BrokerAdapterProvider}).
 *
 * <p>A service built without an explicit adapter uses the one non-fallback provider on the class
 * path; with none it uses the fallback (the in-memory adapter); with two or more it refuses to
 * build and names them, so the host chooses explicitly. An explicit adapter always wins.
 */
public interface BrokerAdapterProvider {

    /** The adapter's short name, for example {@code "redis"}. */
    String name();

    /** A new adapter configured from the provider's defaults (system properties or environment). */
    BrokerAdapter create();

    /** Whether this provider is only used when no other is found (true for the in-memory adapter). */
    default boolean isFallback() {
        return false;
    }
}
