package org.wspubsub.benchmarks.servers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.IWebSocketService;
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
 * {@code STATS <heap bytes used after GC> <bytes allocated so far by the live threads>}, and a
 * {@link HostPublish} line ({@code publish …}) by publishing in-process from its main thread (a host
 * thread) and then {@code PUBLISHED …}; exits when its standard input closes.
 *
 * <p>The library runs in one of two modes, {@code -Dbench.mode=production} (the default) or
 * {@code fast}:
 * <ul>
 *   <li><b>production</b>, the configuration hosts run: a metrics listener that records every hook
 *       into Micrometer ({@link MicrometerHooks}), subscribe and publish authorizers of the host's own
 *       that answer through a {@code CompletionStage} from a check of the topic, and the default
 *       {@code maxPendingRequests};</li>
 *   <li><b>fast</b>, every fast path on (rounds 1 to 13): {@code MetricsListener.NONE}, both
 *       authorizers {@code ALLOW_ALL} (with {@code -Dbench.publishAuthorizer=host}, a host publish
 *       authorizer that always says yes), {@code maxPendingRequests(4096)}.</li>
 * </ul>
 * Both modes raise the connection limits (every client comes from a few 127.0.0.x addresses) and
 * take a handshake token ({@code ?token=…}) as the user's name, connections without one staying
 * anonymous.
 */
public final class BenchServer {

    /** Topics no client may subscribe or publish to in production mode: what the host authorizers check. */
    static final String PRIVATE_PREFIX = "private.";

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int requested = Integer.parseInt(args[1]);
        AutoCloseable server;
        int port;
        HostPublish.Sink[] sink = new HostPublish.Sink[1];
        java.util.concurrent.atomic.LongAdder failed = new java.util.concurrent.atomic.LongAdder();
        java.util.concurrent.atomic.LongAdder handedOver = new java.util.concurrent.atomic.LongAdder();
        Runnable onExit = () -> { };
        Pad pad = new Pad();
        switch (kind) {
            case "library": {
                String mode = System.getProperty("bench.mode", "production");
                WebSocketServiceBuilder builder = WebSocketService.builder().host("127.0.0.1").port(requested)
                        .maxConnections(100_000).maxConnectionsPerAddress(100_000)
                        // a handshake token (?token=…) names the user; connections without one stay anonymous
                        .authenticator((token, request) -> CompletableFuture.completedFuture(
                                Optional.of(ConnectionContext.of(token))));
                switch (mode) {
                    case "production": {
                        MicrometerHooks metrics = new MicrometerHooks(new SimpleMeterRegistry());
                        builder.metrics(metrics)
                                // host authorizers, answered through a stage as a host's would be (a cheap
                                // check of the topic, not the ALLOW_ALL constants the service short-cuts)
                                .authorizeSubscribe((topic, connection) ->
                                        CompletableFuture.completedFuture(!topic.startsWith(PRIVATE_PREFIX)))
                                .authorizePublish((topic, connection) ->
                                        CompletableFuture.completedFuture(!topic.startsWith(PRIVATE_PREFIX)));
                        // maxPendingRequests: the default
                        onExit = () -> System.err.println("library server, production mode, " + metrics.summary());
                        break;
                    }
                    case "fast":
                        // the load tool sends every client publication through one connection, where a real
                        // node gets them from many, each under the default limit of 64 waiting requests; with
                        // that limit, a burst (the generator's thread descheduled for a few ms at 10,000
                        // msg/s) is refused with rate_limited, which the tool counts as errors
                        builder.maxPendingRequests(4096)
                                // allows every publish without a callback hand-off; -Dbench.publishAuthorizer=host
                                // (BENCH_SERVER_JVM_ARGS) measures a host authorizer that always says yes instead
                                .authorizePublish("host".equals(System.getProperty("bench.publishAuthorizer"))
                                        ? (topic, connection) -> CompletableFuture.completedFuture(true)
                                        : PublishAuthorizer.ALLOW_ALL);
                        break;
                    default:
                        throw new IllegalArgumentException("bench.mode must be production or fast, not " + mode);
                }
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
                // as the README tells hosts to publish: through IWebSocketService, a message object, the
                // outcome read from the stage
                IWebSocketService host = service;
                sink[0] = (topic, seq, sentNanos) -> host.publish(topic, Map.of("seq", seq, "ts", sentNanos,
                                "pad", pad.of(HostPublish.padLength(topic, seq, sentNanos, pad.size))))
                        .whenComplete((ok, error) -> {
                            if (error != null) {
                                failed.increment();
                            }
                            handedOver.increment();
                        });
                server = service;
                port = service.port();
                break;
            }
            case "tyrus-naive": {
                NaiveTyrusServer tyrus = new NaiveTyrusServer();
                port = tyrus.start("127.0.0.1", requested);
                sink[0] = (topic, seq, sentNanos) -> {
                    NaiveTyrusServer.publish(topic, HostPublish.messageFrame(topic, seq, sentNanos,
                            pad.of(HostPublish.padLength(topic, seq, sentNanos, pad.size))));
                    handedOver.increment();
                };
                server = tyrus;
                break;
            }
            case "netty": {
                NettyBroadcastServer netty = new NettyBroadcastServer();
                port = netty.start("127.0.0.1", requested);
                sink[0] = (topic, seq, sentNanos) -> {
                    netty.publish(topic, HostPublish.messageFrame(topic, seq, sentNanos,
                            pad.of(HostPublish.padLength(topic, seq, sentNanos, pad.size))));
                    handedOver.increment();
                };
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
            } else if (line.startsWith(HostPublish.COMMAND + " ")) {
                // publishes on this thread, the host's: the service is called as a host's request thread would
                HostPublish command = HostPublish.parse(line);
                pad.size = command.size();
                long failedBefore = failed.sum();
                long handedOverBefore = handedOver.sum();
                long start = System.nanoTime();
                long published = command.run(sink[0]);
                long nanos = System.nanoTime() - start;
                // every stage completes once the local queues have the publication: wait for them (10 s at most)
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (handedOver.sum() - handedOverBefore < published && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                long notHandedOver = Math.max(0, published - (handedOver.sum() - handedOverBefore));
                System.out.println(new HostPublish.Outcome(published, failed.sum() - failedBefore + notHandedOver, nanos).line());
                System.out.flush();
            }
        }
        server.close();
        onExit.run();
        System.exit(0);
    }

    /** Padding strings of every length up to a command's size, built once per size. Main thread only. */
    private static final class Pad {
        int size;
        private String xs = "";

        String of(int length) {
            if (xs.length() < length) {
                xs = "x".repeat(Math.max(length, size));
            }
            return xs.substring(0, length);
        }
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
