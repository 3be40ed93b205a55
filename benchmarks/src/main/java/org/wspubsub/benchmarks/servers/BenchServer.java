package org.wspubsub.benchmarks.servers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.PublishAuthorizer;
import org.wspubsub.adapter.inmemory.InMemoryAdapter;
import org.wspubsub.adapter.redis.RedisAdapter;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.WebSocketServiceBuilder;

/**
 * The server side of a load run, started by the load tool as a child process so that its CPU time
 * and memory are measured apart from the load generator's:
 * {@code BenchServer <library|tyrus-naive|netty> <port> [redisUri nodeId]}.
 * Prints {@code READY <port>}; answers the line {@code stats} with
 * {@code STATS <heap bytes used after GC> <bytes allocated so far by the live threads>}; exits when
 * its standard input closes.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int requested = Integer.parseInt(args[1]);
        AutoCloseable server;
        int port;
        switch (kind) {
            case "library": {
                WebSocketServiceBuilder builder = WebSocketService.builder().host("127.0.0.1").port(requested)
                        .maxConnections(100_000).maxConnectionsPerAddress(100_000)
                        // the load tool sends every publication through one connection, where a real node
                        // gets them from many, each under the default limit of 64 waiting requests; with
                        // that limit, a burst (the generator's thread descheduled for a few ms at 10,000
                        // msg/s) is refused with rate_limited, which the tool counts as errors
                        .maxPendingRequests(4096)
                        // allows every publish without a callback hand-off; -Dbench.publishAuthorizer=host
                        // (BENCH_SERVER_JVM_ARGS) measures a host authorizer that always says yes instead
                        .authorizePublish("host".equals(System.getProperty("bench.publishAuthorizer"))
                                ? (topic, connection) -> CompletableFuture.completedFuture(true)
                                : PublishAuthorizer.ALLOW_ALL)
                        // a handshake token (?token=…) names the user; connections without one stay anonymous
                        .authenticator((token, request) -> CompletableFuture.completedFuture(
                                Optional.of(ConnectionContext.of(token))));
                // -Dbench.pingIntervalSeconds=N (BENCH_SERVER_JVM_ARGS) moves the liveness pings, for experiments
                builder.pingInterval(java.time.Duration.ofSeconds(Long.getLong("bench.pingIntervalSeconds", 30)));
                // -Dbench.fanOutThreads=N moves the number of socket-writing threads (default: the builder's)
                Integer fanOutThreads = Integer.getInteger("bench.fanOutThreads");
                if (fanOutThreads != null) {
                    builder.fanOutThreads(fanOutThreads);
                }
                // always explicit: with the Redis module on the class path, ServiceLoader would pick Redis
                builder.adapter(args.length > 3 ? RedisAdapter.create(args[2]) : InMemoryAdapter.create());
                if (args.length > 3) {
                    builder.nodeId(args[3]);
                }
                WebSocketService service = builder.build().start();
                server = service;
                port = service.port();
                break;
            }
            case "tyrus-naive": {
                NaiveTyrusServer tyrus = new NaiveTyrusServer();
                port = tyrus.start("127.0.0.1", requested);
                server = tyrus;
                break;
            }
            case "netty": {
                NettyBroadcastServer netty = new NettyBroadcastServer();
                port = netty.start("127.0.0.1", requested);
                server = netty;
                break;
            }
            default:
                throw new IllegalArgumentException("server kind must be library, tyrus-naive or netty");
        }
        System.out.println("READY " + port);
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("stats")) {
                long allocated = allocatedBytes();
                System.gc();
                System.gc();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.println("STATS " + used + " " + allocated);
                System.out.flush();
            }
        }
        server.close();
        System.exit(0);
    }

    /** Heap bytes allocated by the threads alive now (the servers' pools live for the whole run). */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, allocated);
        }
        return total;
    }
}
