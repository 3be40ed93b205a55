package org.wspubsub.adapter.redis;

import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerAdapterProvider;

/**
 * Makes the Redis adapter discoverable through {@link java.util.ServiceLoader}: a service built
 * without an explicit adapter, with this module on the class path, uses Redis at the URI in the
 * system property {@code wspubsub.redis.url}, else the environment variable
 * {@code WSPUBSUB_REDIS_URL}, else {@code redis://127.0.0.1:6379}. Stateless; thread-safe.
 */
public final class RedisAdapterProvider implements BrokerAdapterProvider {

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public BrokerAdapter create() {
        String uri = System.getProperty("wspubsub.redis.url");
        if (uri == null || uri.isBlank()) {
            uri = System.getenv("WSPUBSUB_REDIS_URL");
        }
        if (uri == null || uri.isBlank()) {
            uri = "redis://127.0.0.1:6379";
        }
        return RedisAdapter.create(uri);
    }
}
