package org.wspubsub.adapter.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.kit.BrokerAdapterContractTest;

/** The adapter contract kit against a real standalone redis-server. */
class RedisAdapterContractTest extends BrokerAdapterContractTest {

    private static final AtomicInteger TESTS = new AtomicInteger();
    private static RedisServer redis;
    private String prefix;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void isolate() {
        prefix = "contract" + TESTS.incrementAndGet();
    }

    @Override
    protected BrokerAdapter newAdapter() {
        return RedisAdapter.builder().uri(redis.uri()).channelPrefix(prefix).commandTimeout(Duration.ofSeconds(5)).build();
    }
}
