package org.wspubsub.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.wspubsub.benchmarks.servers.PublishTopics;

/**
 * Holds one publish rate for a while, through a publisher connection or in-process (see
 * {@link Publishing}), paced by the clock, then waits for the deliveries to drain and measures.
 * Runs on the caller's thread.
 */
final class Step {

    private Step() {
    }

    /**
     * @param server         the server whose CPU is measured
     * @param topics         the topic of each publication
     * @param fanOut         deliveries expected per publication
     */
    static StepResult run(ServerProcess server, Publishing publishing, Stats stats, int rate, Duration duration,
                          PublishTopics topics, int fanOut, int size, long[] sequence) throws Exception {
        stats.takeLatencies();
        long receivedBefore = stats.received.sum();
        long reorderedBefore = stats.duplicatesOrReordered.sum();
        long errorsBefore = stats.errors.sum();
        long cpuBefore = server.cpuNanos();
        long clientCpuBefore = ServerProcess.cpuNanos(ProcessHandle.current().pid());
        Publishing.Published published = publishing.run(rate, duration, topics, size, sequence);
        long expected = published.count() * fanOut;
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
        // an in-process publication the server reported failed counts as an error, as an error frame does
        return new StepResult(server.kind, rate, published.count(), expected, stats.received.sum() - receivedBefore,
                published.seconds(), stats.takeLatencies(), cpu, clientCpu,
                stats.duplicatesOrReordered.sum() - reorderedBefore, stats.errors.sum() - errorsBefore + published.failed());
    }
}
