package org.wspubsub.adapter.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A 3-master Redis Cluster of the test's own on loopback, built with {@code redis-cli --cluster create}. */
public final class RedisCluster implements AutoCloseable {

    private final List<RedisServer> masters = new ArrayList<>();

    public static RedisCluster start() throws Exception {
        RedisCluster cluster = new RedisCluster();
        try {
            for (int i = 0; i < 3; i++) {
                int port = RedisServer.freePort();
                cluster.masters.add(RedisServer.start(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes-" + port + ".conf", "--cluster-node-timeout", "2000")));
            }
            List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            for (RedisServer master : cluster.masters) {
                command.add("127.0.0.1:" + master.port());
            }
            command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!create.waitFor(30, TimeUnit.SECONDS) || create.exitValue() != 0) {
                throw new IOException("redis-cli --cluster create failed: " + output);
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
                    cluster.masters.stream().allMatch(m -> String.valueOf(m.command("CLUSTER INFO"))
                            .contains("cluster_state:ok")));
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    public List<String> uris() {
        return masters.stream().map(RedisServer::uri).toList();
    }

    public List<RedisServer> masters() {
        return masters;
    }

    @Override
    public void close() throws InterruptedException {
        for (RedisServer master : masters) {
            master.close();
        }
    }
}
