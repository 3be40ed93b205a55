package org.wspubsub.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BurstsTest {

    private static final long MS = 1_000_000;

    @Test
    void eachPublicationKeepsItsFirstAndLastDelivery() {
        Bursts bursts = new Bursts();
        bursts.record(0, 3 * MS);
        bursts.record(0, 1 * MS);
        bursts.record(0, 7 * MS);
        bursts.record(1, 2 * MS);

        assertThat(bursts.summary(0, 1))
                .isEqualTo("1 bursts; first delivery p50 1.00 / p99 1.00 / max 1.00 ms;"
                        + " last delivery p50 7.00 / p99 7.00 / max 7.00 ms; spread p50 6.00 / p99 6.00 / max 6.00 ms");
        assertThat(bursts.summary(1, 2)).startsWith("1 bursts; first delivery p50 2.00").endsWith("spread p50 0.00 / p99 0.00 / max 0.00 ms");
    }

    @Test
    void publicationsNeverDeliveredAndOutOfRangeNumbersAreLeftOut() {
        Bursts bursts = new Bursts();
        bursts.record(5, MS);
        bursts.record(-1, MS);
        bursts.record(Bursts.CAPACITY, MS);

        assertThat(bursts.summary(0, Bursts.CAPACITY + 10)).startsWith("1 bursts;");
    }

    @Test
    void concurrentDeliveriesOfOnePublicationKeepTheExtremes() throws InterruptedException {
        Bursts bursts = new Bursts();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int offset = t;
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 10_000; i++) {
                    bursts.record(0, (long) (i * threads.length + offset + 1) * 1_000);
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(bursts.summary(0, 1)).contains("first delivery p50 0.00 / p99 0.00 / max 0.00 ms")
                .contains("last delivery p50 40.0"); // 40 ms, to the histogram's three digits
    }
}
