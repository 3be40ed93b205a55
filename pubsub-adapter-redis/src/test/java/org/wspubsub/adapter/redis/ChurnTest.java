package org.wspubsub.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.TestServers;

/**
 * 20,000 connect / subscribe / abrupt-disconnect cycles leave sessions, threads, file descriptors,
 * local subscriptions and Redis subscriptions back at their baseline, and the heap after GC within
 * a small margin of it.
 */
class ChurnTest {

    private static final int CYCLES = 20_000;
    private static final int THREADS = 8;

    private static long fileDescriptors() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void cycle(int port, int i) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect("127.0.0.1", port, "/ws", 0)) {
            String topics = "[\"churn." + (i % 100) + "\",\"churnp." + (i % 50) + ".*\"]";
            ws.sendText("{\"type\":\"subscribe\",\"topics\":" + topics + "}");
            RawWebSocket.Frame reply = ws.readFrame();
            if (!reply.text().contains("subscribed")) {
                throw new IllegalStateException("unexpected reply " + reply.text());
            }
        } // closed without a close frame
    }

    private static void churn(int port, int cycles) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(clients.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < cycles) {
                    cycle(port, i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
    }

    @Test
    void returnsEverythingToItsBaselineAfterTwentyThousandAbruptDisconnects() throws Exception {
        try (RedisServer redis = RedisServer.start();
             WebSocketService service = TestServers.builder().maxConnectionsPerAddress(10_000)
                     .adapter(RedisAdapter.create(redis.uri())).build().start()) {
            churn(service.port(), 500); // warm-up: pools, JIT, lazily created threads
            await().atMost(Duration.ofSeconds(30)).until(() -> service.connectionCount() == 0
                    && ":0".equals(redis.command("PUBSUB NUMPAT")));
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long fdsBefore = fileDescriptors();
            long heapBefore = heapAfterGc();

            churn(service.port(), CYCLES);

            await().atMost(Duration.ofSeconds(60)).until(() -> service.connectionCount() == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> ":0".equals(redis.command("PUBSUB NUMPAT"))
                    && "".equals(redis.command("PUBSUB CHANNELS *")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore + 2);
                assertThat(fileDescriptors()).isLessThanOrEqualTo(fdsBefore + 10);
            });
            long heapAfter = heapAfterGc();
            assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes").isLessThan(16L * 1024 * 1024);
        }
    }
}
