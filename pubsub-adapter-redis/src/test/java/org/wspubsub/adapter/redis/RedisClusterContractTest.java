package org.wspubsub.adapter.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.kit.BrokerAdapterContractTest;

/** The adapter contract kit against a real 3-master Redis Cluster (sharded pub/sub for exact topics). */
class RedisClusterContractTest extends BrokerAdapterContractTest {

    private static final AtomicInteger TESTS = new AtomicInteger();
    private static RedisCluster cluster;
    private String prefix;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @BeforeEach
    void isolate() {
        prefix = "cluster" + TESTS.incrementAndGet();
    }

    @Override
    protected BrokerAdapter newAdapter() {
        return RedisAdapter.builder().clusterUris(cluster.uris().toArray(String[]::new)).channelPrefix(prefix)
                .commandTimeout(Duration.ofSeconds(5)).build();
    }
}
