package org.wspubsub.examples;

import java.util.Map;

/**
 * The example server's settings, read from environment variables. Immutable.
 *
 * @param host      {@code HOST}, default {@code 127.0.0.1}
 * @param port      {@code PORT}, default 8080 (0 picks a free port)
 * @param adapter   {@code ADAPTER}: {@code inmemory} (default) or {@code redis}
 * @param redisUrl  {@code REDIS_URL}, default {@code redis://127.0.0.1:6379}
 * @param jwtSecret {@code JWT_SECRET}; when unset, {@link #DEVELOPMENT_SECRET} (logged as a warning)
 * @param nodeId    {@code NODE_ID}, default empty (a random id)
 * @param compression {@code PER_MESSAGE_DEFLATE}: {@code true} (default) or {@code false}
 */
public record ExampleConfig(String host, int port, String adapter, String redisUrl, String jwtSecret, String nodeId,
                            boolean compression) {

    /** The secret used when {@code JWT_SECRET} is not set. Never use it outside development. */
    public static final String DEVELOPMENT_SECRET = "development-secret-do-not-use-in-production";

    public static ExampleConfig fromEnvironment(Map<String, String> env) {
        String adapter = env.getOrDefault("ADAPTER", "inmemory");
        if (!adapter.equals("inmemory") && !adapter.equals("redis")) {
            throw new IllegalArgumentException("ADAPTER must be 'inmemory' or 'redis', got '" + adapter + "'");
        }
        String secret = env.getOrDefault("JWT_SECRET", "");
        String compression = env.getOrDefault("PER_MESSAGE_DEFLATE", "true");
        if (!compression.equals("true") && !compression.equals("false")) {
            throw new IllegalArgumentException("PER_MESSAGE_DEFLATE must be 'true' or 'false', got '" + compression + "'");
        }
        return new ExampleConfig(
                env.getOrDefault("HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("PORT", "8080")),
                adapter,
                env.getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"),
                secret.isBlank() ? DEVELOPMENT_SECRET : secret,
                env.getOrDefault("NODE_ID", ""),
                Boolean.parseBoolean(compression));
    }

    /** Whether the development secret is in use (then tokens can be minted over HTTP, for the demo). */
    public boolean developmentSecret() {
        return jwtSecret.equals(DEVELOPMENT_SECRET);
    }

    public ExampleConfig withPort(int newPort) {
        return new ExampleConfig(host, newPort, adapter, redisUrl, jwtSecret, nodeId, compression);
    }

    public ExampleConfig withNodeId(String id) {
        return new ExampleConfig(host, port, adapter, redisUrl, jwtSecret, id, compression);
    }
}
