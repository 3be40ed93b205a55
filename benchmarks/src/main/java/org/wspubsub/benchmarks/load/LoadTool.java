package org.wspubsub.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.wspubsub.benchmarks.servers.BenchServer;
import org.wspubsub.benchmarks.servers.PublishTopics;

/**
 * The end-to-end load tool. Runs one scenario against the library and the two raw baselines (a
 * naive Tyrus {@code sendText} loop and a raw Netty broadcast server), each in a child JVM, with
 * the same clients, and prints a table with ratios:
 * <pre>
 *   benchmarks/bench load fanout      [--subscribers 1000] [--rates 50,100,… | --search 25] [--step-seconds 5]
 *   benchmarks/bench load fixed       [--subscribers 1000] [--rate 20] [--seconds 20] [--warm-up-seconds 3] [--bursts true]
 *   benchmarks/bench load many-topics [--connections 2000] [--rates 1000,2000,… | --search 2000]
 *   benchmarks/bench load idle        [--connections 10000] [--warm-up 2000] [--pre-touch true] [--repeat 1] [--histograms DIR [--heap-dump true]]
 *   benchmarks/bench load cross-node  [--subscribers 1000] [--rates … | --search 50]
 * </pre>
 * Common options: {@code --mode production|fast} (the library's configuration, production by default:
 * see {@link BenchServer}), {@code --publish in-process|client} for fanout, fixed, many-topics and
 * cross-node (who publishes: the server's host thread through {@code IWebSocketService.publish}, the
 * default of fanout and fixed, or a client connection, the default of the others; see
 * {@link Publishing}), {@code --servers library,netty,tyrus-naive}, {@code --size 200} (message bytes),
 * {@code --client-threads 2}; the ramps (fanout, many-topics, cross-node) warm each server up first
 * ({@code --warm-up-seconds 3}, {@code --warm-up-rate}, by default the scenario's lowest load), and
 * with {@code --attempts N} repeat a step whose only fault was its p99, up to N times in all. Instead
 * of {@code --rates}, {@code --search FROM [--search-precision 10]} finds each server's highest clean
 * rate from {@code FROM} msg/s up or down to within that many percent, whatever the host's speed
 * (see {@link RateSearch}). With
 * {@code --repeat N} every scenario runs N rounds, the servers (or, for cross-node, the two modes)
 * taking turns in alternating order, and ends with the medians over the rounds (see {@link Rounds}).
 */
public final class LoadTool {

    /** The topic of fan-out, fixed load and cross-node. */
    private static final PublishTopics BENCH = PublishTopics.single("bench");

    private final Map<String, String> options;

    private LoadTool(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: LoadTool <fanout|fixed|many-topics|idle|cross-node> [--option value …]");
            System.exit(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        LoadTool tool = new LoadTool(options);
        System.out.println("# " + args[0] + " " + options + "  (" + Runtime.getRuntime().availableProcessors()
                + " cores, " + System.getProperty("java.version") + "; library mode " + tool.mode() + ")");
        switch (args[0]) {
            case "fanout" -> tool.fanOut();
            case "fixed" -> tool.fixed();
            case "many-topics" -> tool.manyTopics();
            case "idle" -> tool.idle();
            case "cross-node" -> tool.crossNode();
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        System.exit(0);
    }

    private int integer(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
    }

    private int[] rates(String fallback) {
        return Arrays.stream(options.getOrDefault("rates", fallback).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /**
     * The rates each ramp tries: {@code --search FROM} (see {@link RateSearch}), or else {@code --rates}
     * ({@code fallback} by default). A new plan per ramp; bad options fail here, before any server starts.
     */
    private Supplier<RatePlan> ratePlans(String fallback) {
        Supplier<RatePlan> plans = options.containsKey("search")
                ? () -> new RateSearch(integer("search", 0), integer("search-precision", 10) / 100.0)
                : () -> RatePlan.listed(rates(fallback));
        plans.get();
        return plans;
    }

    private List<String> servers() {
        return List.of(options.getOrDefault("servers", "library,netty,tyrus-naive").split(","));
    }

    /** {@code --mode production|fast}: the library server's configuration (see {@link BenchServer}); production by default. */
    private String mode() {
        String mode = options.getOrDefault("mode", "production");
        if (!mode.equals("production") && !mode.equals("fast")) {
            throw new IllegalArgumentException("--mode must be production or fast, not " + mode);
        }
        return mode;
    }

    /** The server processes' JVM options: {@code more}, then the library's mode. */
    private List<String> serverJvmOptions(List<String> more) {
        List<String> jvm = new ArrayList<>(more);
        jvm.add("-Dbench.mode=" + mode());
        return jvm;
    }

    /** {@code --publish}, {@code fallback} (the scenario's default) when absent; checked before any server starts. */
    private Publishing.Via publishVia(Publishing.Via fallback) {
        return Publishing.Via.of(options.get("publish"), fallback);
    }

    /** How a scenario's table title names the configuration it measured. */
    private String configuration(Publishing.Via via) {
        return " (library mode " + mode() + ", publish " + via.option + ")";
    }

    private static URI uri(ServerProcess server) {
        return URI.create("ws://127.0.0.1:" + server.port + "/ws");
    }

    /** Fan-out: N subscribers on one topic; each server's highest clean rate, found by a ramp. */
    private void fanOut() throws Exception {
        int subscribers = integer("subscribers", 1000);
        Supplier<RatePlan> rates = ratePlans("20,50,100,200,300,500,700,1000,1500,2000");
        Duration step = Duration.ofSeconds(integer("step-seconds", 5));
        Publishing.Via via = publishVia(Publishing.Via.IN_PROCESS);
        inRounds("highest clean fan-out, " + subscribers + " subscribers" + configuration(via), "library", servers(), round ->
                eachServer(round.order(), subscribers, i -> "bench", via, (kind, server, publishing, stats) ->
                        ramp(kind, server, publishing, stats, rates, step, BENCH, subscribers, 20, round.results())),
                List.of(Rounds.DELIVERIES, Rounds.CPU, Rounds.P99));
    }

    /**
     * Fixed load: N subscribers at a steady rate; latency and CPU. With {@code --bursts true} each
     * server's row is followed by what its publications' first and last deliveries took (see
     * {@link Bursts}).
     */
    private void fixed() throws Exception {
        int subscribers = integer("subscribers", 1000);
        int rate = integer("rate", 20);
        Duration length = Duration.ofSeconds(integer("seconds", 20));
        Publishing.Via via = publishVia(Publishing.Via.IN_PROCESS);
        inRounds("fixed load, " + subscribers + " subscribers x " + rate + " msg/s" + configuration(via), "library", servers(),
                round -> eachServer(round.order(), subscribers, i -> "bench", via, (kind, server, publishing, stats) -> {
                    long[] seq = {0};
                    Step.run(server, publishing, stats, rate, Duration.ofSeconds(integer("warm-up-seconds", 3)),
                            BENCH, subscribers, integer("size", 200), seq);
                    long measuredFrom = seq[0];
                    StepResult result = Step.run(server, publishing, stats, rate, length, BENCH, subscribers,
                            integer("size", 200), seq);
                    System.out.println(result.row());
                    if (stats.bursts != null) {
                        System.out.println("  " + kind + ": " + stats.bursts.summary(measuredFrom, seq[0]));
                    }
                    round.results().put(kind, result);
                }),
                List.of(Rounds.P99, Rounds.CPU));
    }

    /** Many topics: every connection on a topic of its own, publications spread over all topics. */
    private void manyTopics() throws Exception {
        int connections = integer("connections", 2000);
        Supplier<RatePlan> rates = ratePlans("1000,2000,5000,10000,20000,40000");
        Duration step = Duration.ofSeconds(integer("step-seconds", 5));
        Publishing.Via via = publishVia(Publishing.Via.CLIENT);
        inRounds("highest clean rate, " + connections + " connections on their own topics" + configuration(via), "library",
                servers(), round ->
                eachServer(round.order(), connections, i -> "topic." + i, via, (kind, server, publishing, stats) ->
                        ramp(kind, server, publishing, stats, rates, step, new PublishTopics("topic.", connections), 1, 500,
                                round.results())),
                List.of(Rounds.DELIVERIES, Rounds.CPU));
    }

    /** One round of a scenario: the order its servers take turns in, and where their results go. */
    private record Round(List<String> order, Map<String, StepResult> results) {
    }

    /** What a scenario does in one round. */
    @FunctionalInterface
    private interface RoundRun {
        void run(Round round) throws Exception;
    }

    /**
     * Runs a scenario {@code --repeat} times (default 1), the servers in alternating order (see
     * {@link Rounds}), printing each round's table with its ratios and, after more than one round,
     * the medians.
     */
    private void inRounds(String title, String reference, List<String> servers, RoundRun run, List<Rounds.Measure> measures)
            throws Exception {
        int repeat = Math.max(1, integer("repeat", 1));
        Rounds rounds = new Rounds(servers, reference);
        System.out.println(StepResult.header());
        for (int r = 0; r < repeat; r++) {
            Round round = new Round(rounds.order(r), rounds.next());
            run.run(round);
            ratios(title + (repeat > 1 ? " (round " + (r + 1) + " of " + repeat + ", order " + String.join(",", round.order())
                    + ")" : ""), reference, round.results());
            if (repeat > 1 && r + 1 < repeat) {
                System.out.println();
                System.out.println(StepResult.header());
            }
        }
        if (repeat > 1) {
            System.out.println();
            System.out.println("## " + title + ": " + repeat + " rounds, servers in alternating order");
            rounds.summary(measures).forEach(System.out::println);
        }
    }

    /**
     * Idle: many authenticated connections with one subscription each; memory per connection, time
     * to connect, and the server's CPU to open them all at once (a reconnect storm: the connections
     * come as fast as the clients can make them, 200 handshakes in flight at a time). With {@code --pre-touch true} every server runs with its whole heap committed
     * and touched up front ({@code -Xms2g -Xmx2g -XX:+AlwaysPreTouch}), so that the RSS growth leaves out the heap pages the collector
     * happens to touch while the connections' garbage goes through it (which moves from run to run
     * with the collector's sizing decisions) and is the native memory alone: resident then adds it to
     * the live heap, the steady-state cost of one more connection. With {@code --repeat N} the
     * servers take turns N times, in alternating order (library, netty, tyrus-naive, then
     * tyrus-naive, netty, library, …, so that the machine's drift falls on all of them) and the
     * ratios are those of the medians: the RSS of one run moves with the collector's sizing by a
     * few KB per connection.
     */
    private void idle() throws Exception {
        int connections = integer("connections", 10_000);
        int repeat = integer("repeat", 1);
        boolean preTouch = Boolean.parseBoolean(options.getOrDefault("pre-touch", "false"));
        // allocated: heap the server allocated per connection while they connected and subscribed
        // (garbage plus what stays); it drives how much heap the collector touches, so part of the RSS
        System.out.println(preTouch
                ? "| server      | connections | connect s | CPU µs/conn | heap KB/conn | native KB/conn | resident KB/conn | allocated KB/conn |"
                : "| server      | connections | connect s | CPU µs/conn | heap KB/conn | RSS KB/conn | allocated KB/conn |");
        System.out.println(preTouch ? "|---|---|---|---|---|---|---|---|" : "|---|---|---|---|---|---|---|");
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 0; round < repeat; round++) {
            for (String kind : Rounds.alternating(servers(), round)) {
                try (ServerProcess server = ServerProcess.start(kind, serverJvmOptions(preTouch ? List.of("-Xms2g", "-XX:+AlwaysPreTouch") : List.of()));
                     LoadClients clients = new LoadClients(integer("client-threads", 2))) {
                    // warm up first (JIT, arenas, the heap's young generation), so that the baseline
                    // below leaves out what any server costs once, not per connection
                    URI authenticated = URI.create(uri(server) + "?token=bench-user");
                    try (LoadClients warmUp = new LoadClients(integer("client-threads", 2))) {
                        warmUp.subscribers(authenticated, integer("warm-up", 2_000), i -> "warm." + i, new Stats());
                    }
                    ServerProcess.Memory before = settledMemory(server);
                    long rssBefore = server.rssBytes();
                    String histogramDir = options.get("histograms");
                    String histogramBefore = null;
                    if (histogramDir != null) {
                        server.nativeMemoryBaseline();
                        histogramBefore = server.classHistogram();
                    }
                    long start = System.nanoTime();
                    long cpuBefore = server.cpuNanos();
                    // authenticated with a handshake token (the library checks it; the raw baselines ignore it)
                    clients.subscribers(authenticated, connections, i -> "idle." + i, new Stats());
                    double connectSeconds = (System.nanoTime() - start) / 1e9;
                    // the server's CPU for the handshakes, auth and subscribes (read before the GCs below)
                    double cpuMicrosPer = (server.cpuNanos() - cpuBefore) / 1e3 / connections;
                    ServerProcess.Memory after = server.memory();
                    double heapPer = (after.heapAfterGc() - before.heapAfterGc()) / 1024.0 / connections;
                    double allocatedPer = (after.allocated() - before.allocated()) / 1024.0 / connections;
                    double rssPer = (server.rssBytes() - rssBefore) / 1024.0 / connections;
                    double memoryPer = preTouch ? heapPer + rssPer : rssPer;
                    double cpuSeconds = cpuMicrosPer * connections / 1e6;
                    results.computeIfAbsent(kind, k -> new ArrayList<>()).add(new double[] {heapPer, memoryPer, cpuSeconds});
                    if (histogramDir != null) {
                        Path file = Path.of(histogramDir, "idle-histogram-" + kind + ".txt");
                        Files.createDirectories(file.getParent());
                        if (options.containsKey("heap-dump")) {
                            server.heapDump(Path.of(histogramDir, "idle-" + kind + ".hprof").toAbsolutePath());
                        }
                        String histogramAfter = server.classHistogram();
                        Files.writeString(file, histogramAfter);
                        Files.writeString(Path.of(histogramDir, "idle-histogram-growth-" + kind + ".txt"),
                                HistogramDiff.between(histogramBefore, histogramAfter).table(connections, 60));
                        Files.writeString(Path.of(histogramDir, "idle-native-memory-" + kind + ".txt"), server.nativeMemoryDiff());
                    }
                    if (preTouch) {
                        System.out.printf("| %-11s | %11d | %9.1f | %11.0f | %12.1f | %14.1f | %16.1f | %17.1f |%n", kind,
                                connections, connectSeconds, cpuMicrosPer, heapPer, rssPer, memoryPer, allocatedPer);
                    } else {
                        System.out.printf("| %-11s | %11d | %9.1f | %11.0f | %12.1f | %11.1f | %17.1f |%n", kind,
                                connections, connectSeconds, cpuMicrosPer, heapPer, rssPer, allocatedPer);
                    }
                }
            }
        }
        Map<String, double[]> medians = new LinkedHashMap<>();
        results.forEach((kind, runs) -> medians.put(kind, new double[] {median(runs, 0), median(runs, 1), median(runs, 2)}));
        // the reconnect storm: what the server's CPU paid for the connections to arrive at once (handshake,
        // authentication, one subscribe each), as the CPU-seconds of the whole storm
        System.out.printf("%n%s: heap KB/conn, %s KB/conn, server CPU-seconds to open %d connections%n",
                repeat > 1 ? "medians of " + repeat + " runs" : "one run", preTouch ? "resident" : "RSS", connections);
        medians.forEach((kind, m) -> System.out.printf("| %-11s | %12.1f | %12.1f | %12.2f |%n", kind, m[0], m[1], m[2]));
        double[] library = medians.get("library");
        for (Map.Entry<String, double[]> e : medians.entrySet()) {
            if (library != null && !e.getKey().equals("library")) {
                System.out.printf("library / %s: heap %.2fx, %s %.2fx, CPU to open %d connections %.2fx%n", e.getKey(),
                        library[0] / e.getValue()[0], preTouch ? "resident" : "RSS", library[1] / e.getValue()[1],
                        connections, library[2] / Math.max(1e-9, e.getValue()[2]));
            }
        }
    }

    /** The median of column {@code column} over {@code runs} (the mean of the middle two for an even count). */
    static double median(List<double[]> runs, int column) {
        return Rounds.median(runs.stream().mapToDouble(r -> r[column]).toArray());
    }

    /**
     * The server's memory once the warm-up's connections are gone: the clients have closed, but the
     * server may still be closing its side, which would count their heap into the baseline. Reads
     * until the live heap stops shrinking (each read runs two full GCs), at most ten times.
     */
    private static ServerProcess.Memory settledMemory(ServerProcess server) throws IOException {
        ServerProcess.Memory last = server.memory();
        for (int i = 0; i < 10; i++) {
            ServerProcess.Memory next = server.memory();
            if (next.heapAfterGc() >= last.heapAfterGc() * 0.99) {
                return next;
            }
            last = next;
        }
        return last;
    }

    /**
     * Cross-node: two library nodes through a real Redis, subscribers on the other node than the
     * publisher, against one node alone; with {@code --repeat} the two modes take turns.
     */
    private void crossNode() throws Exception {
        int subscribers = integer("subscribers", 1000);
        Supplier<RatePlan> rates = ratePlans("20,50,100,200,300,500,700,1000");
        Duration step = Duration.ofSeconds(integer("step-seconds", 5));
        Publishing.Via via = publishVia(Publishing.Via.CLIENT);
        try (RedisProcess redis = RedisProcess.start()) {
            inRounds("highest clean rate, cross node and single node" + configuration(via), "cross-node",
                    List.of("single-node", "cross-node"),
                    round -> {
                        for (String mode : round.order()) {
                            boolean cross = mode.equals("cross-node");
                            try (ServerProcess subscriberNode = cross
                                    ? ServerProcess.start("library", serverJvmOptions(List.of()), redis.uri, "node-b")
                                    : ServerProcess.start("library", serverJvmOptions(List.of()));
                                 ServerProcess publisherNode = cross
                                         ? ServerProcess.start("library", serverJvmOptions(List.of()), redis.uri, "node-a") : null;
                                 LoadClients clients = new LoadClients(integer("client-threads", 2))) {
                                Stats stats = new Stats();
                                clients.subscribers(uri(subscriberNode), subscribers, i -> "bench", stats);
                                ServerProcess publishingNode = cross ? publisherNode : subscriberNode;
                                Publishing publishing = via == Publishing.Via.IN_PROCESS ? Publishing.inProcess(publishingNode)
                                        : Publishing.client(clients.publisher(uri(publishingNode), stats));
                                ramp(mode, subscriberNode, publishing, stats, rates, step, BENCH, subscribers, 20,
                                        round.results());
                            }
                        }
                    },
                    List.of(Rounds.DELIVERIES, Rounds.P99));
        }
    }

    /** What a scenario does with one server whose subscribers are connected. */
    @FunctionalInterface
    private interface ServerRun {
        void run(String kind, ServerProcess server, Publishing publishing, Stats stats) throws Exception;
    }

    /**
     * For each server kind in turn: starts it, connects {@code count} subscribers of {@code topicOf(i)}
     * and, to publish {@code via} a client, a publisher connection.
     */
    private void eachServer(List<String> kinds, int count, java.util.function.IntFunction<String> topicOf,
                            Publishing.Via via, ServerRun run) throws Exception {
        for (String kind : kinds) {
            try (ServerProcess server = ServerProcess.start(kind, serverJvmOptions(List.of()));
                 LoadClients clients = new LoadClients(integer("client-threads", 2))) {
                Stats stats = new Stats(Boolean.parseBoolean(options.getOrDefault("bursts", "false")));
                clients.subscribers(uri(server), count, topicOf, stats);
                run.run(kind, server, via == Publishing.Via.IN_PROCESS ? Publishing.inProcess(server)
                        : Publishing.client(clients.publisher(uri(server), stats)), stats);
            }
        }
    }

    /**
     * Warms up ({@code --warm-up-seconds}, default 3, at {@code --warm-up-rate}, default
     * {@code warmupRate}), then runs the steps a new plan of {@code rates} asks for, printing each;
     * the highest clean step goes into {@code best} under {@code label}. A step that lost, duplicated
     * or reordered a delivery ends the ramp at once: only a latency miss says where a ceiling is.
     */
    private void ramp(String label, ServerProcess measured, Publishing publishing, Stats stats, Supplier<RatePlan> rates,
                      Duration step, PublishTopics topics, int fanOut, int warmupRate,
                      Map<String, StepResult> best) throws Exception {
        int size = integer("size", 200);
        long[] seq = {0};
        Step.run(measured, publishing, stats, integer("warm-up-rate", warmupRate),
                Duration.ofSeconds(integer("warm-up-seconds", 3)), topics, fanOut, size, seq);
        int attempts = Math.max(1, integer("attempts", 1));
        RatePlan plan = rates.get();
        OptionalInt next = OptionalInt.of(plan.first());
        while (next.isPresent()) {
            int rate = next.getAsInt();
            StepResult result = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                result = Step.run(measured, publishing, stats, rate, step, topics, fanOut, size, seq).labelled(label);
                System.out.println(result.row() + (attempt > 1 ? " attempt " + attempt : ""));
                // only a latency miss is tried again
                if (result.clean() || faulty(result)) {
                    break;
                }
            }
            if (faulty(result)) {
                // the table has no column for errors (a refused publish, such as rate_limited): say what ended it
                System.out.printf("  %s: the ramp ends at %d msg/s: %d lost, %d reordered, %d errors%n", label, rate,
                        result.lost(), result.reordered(), result.errors());
                return;
            }
            StepResult bestSoFar = best.get(label);
            if (result.clean() && (bestSoFar == null || rate > bestSoFar.rate())) {
                best.put(label, result);
            }
            next = plan.next(rate, result.clean());
        }
    }

    /** A step that lost, duplicated or reordered a delivery, or got an error frame. */
    private static boolean faulty(StepResult result) {
        return result.lost() > 0 || result.reordered() > 0 || result.errors() > 0;
    }

    /** Prints the results of one round and the reference's ratios to each of the others. */
    private static void ratios(String title, String reference, Map<String, StepResult> results) {
        System.out.println();
        System.out.println("## " + title);
        System.out.println(StepResult.header());
        results.values().forEach(r -> System.out.println(r.row()));
        StepResult mine = results.get(reference);
        if (mine == null) {
            System.out.println("(" + reference + " had no clean step)");
            return;
        }
        for (StepResult other : results.values()) {
            if (other != mine) {
                System.out.println(String.format("%s / %s: deliveries/s %.2fx, CPU per delivery %.2fx, p99 %.2fx", reference,
                        other.server(), mine.deliveriesPerSecond() / other.deliveriesPerSecond(),
                        mine.cpuMicrosPerDelivery() / Math.max(1e-9, other.cpuMicrosPerDelivery()),
                        mine.p(99) / Math.max(1e-9, other.p(99))));
            }
        }
    }
}
