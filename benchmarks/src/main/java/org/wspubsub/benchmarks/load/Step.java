package org.wspubsub.benchmarks.load;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * Holds one publish rate for a while from one publisher connection, paced by the clock, then
 * waits for the deliveries to drain and measures. Runs on the caller's thread.
 */
final class Step {

    private Step() {
    }

    /**
     * @param topicOf        the topic of publication number n
     * @param fanOut         deliveries expected per publication
     */
    static StepResult run(ServerProcess server, Channel publisher, Stats stats, int rate, Duration duration,
                          LongFunction<String> topicOf, int fanOut, int size, long[] sequence) throws Exception {
        stats.takeLatencies();
        long receivedBefore = stats.received.sum();
        long reorderedBefore = stats.duplicatesOrReordered.sum();
        long errorsBefore = stats.errors.sum();
        long cpuBefore = server.cpuNanos();
        long clientCpuBefore = ServerProcess.cpuNanos(ProcessHandle.current().pid());
        long start = System.nanoTime();
        long window = duration.toNanos();
        long published = 0;
        while (true) {
            long elapsed = System.nanoTime() - start;
            if (elapsed >= window) {
                break;
            }
            long due = elapsed * rate / 1_000_000_000L + 1;
            while (published < due) {
                long seq = sequence[0]++;
                publisher.write(new TextWebSocketFrame(Frames.publish(topicOf.apply(seq), seq, System.nanoTime(), size)));
                published++;
            }
            publisher.flush();
            LockSupport.parkNanos(Math.max(50_000, 1_000_000_000L / rate / 2));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long expected = published * fanOut;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = stats.received.sum() - receivedBefore;
            if (now >= expected) {
                break;
            }
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(2)) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        long cpu = server.cpuNanos() - cpuBefore;
        long clientCpu = ServerProcess.cpuNanos(ProcessHandle.current().pid()) - clientCpuBefore;
        return new StepResult(server.kind, rate, published, expected, stats.received.sum() - receivedBefore, seconds,
                stats.takeLatencies(), cpu, clientCpu, stats.duplicatesOrReordered.sum() - reorderedBefore,
                stats.errors.sum() - errorsBefore);
    }
}
