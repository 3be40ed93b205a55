package org.wspubsub.benchmarks.load;

import org.HdrHistogram.Histogram;

/**
 * One measured step: a publish rate held for a while, and what came of it.
 *
 * @param server          the server kind
 * @param rate            publications per second sent
 * @param published       publications sent
 * @param expected        deliveries expected
 * @param delivered       deliveries received
 * @param seconds         length of the publishing window
 * @param latency         publish-to-receive latencies, nanoseconds
 * @param cpuNanos        server CPU time spent in the step
 * @param clientCpuNanos  the load generator's own CPU time in the step (all its clients together)
 * @param reordered       deliveries out of sequence (duplicates or reordering)
 * @param errors          error frames received
 */
record StepResult(String server, int rate, long published, long expected, long delivered, double seconds,
                  Histogram latency, long cpuNanos, long clientCpuNanos, long reordered, long errors) {

    static final double MAX_CLEAN_P99_MS = 100;

    double deliveriesPerSecond() {
        return delivered / seconds;
    }

    double p(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1e6;
    }

    double cpuMicrosPerDelivery() {
        return delivered == 0 ? 0 : cpuNanos / 1e3 / delivered;
    }

    double clientCpuMicrosPerDelivery() {
        return delivered == 0 ? 0 : clientCpuNanos / 1e3 / delivered;
    }

    /** The same step under another name. */
    StepResult labelled(String label) {
        return new StepResult(label, rate, published, expected, delivered, seconds, latency, cpuNanos, clientCpuNanos,
                reordered, errors);
    }

    long lost() {
        return Math.max(0, expected - delivered);
    }

    boolean clean() {
        return lost() == 0 && reordered == 0 && errors == 0 && delivered == expected && p(99) <= MAX_CLEAN_P99_MS;
    }

    String row() {
        return String.format("| %-11s | %6d | %10.0f | %7.1f | %7.1f | %8.1f | %6.2f | %6.2f | %6d | %5d | %-5s |", server,
                rate, deliveriesPerSecond(), p(50), p(99), p(99.9), cpuMicrosPerDelivery(), clientCpuMicrosPerDelivery(),
                lost(), reordered,
                clean() ? "yes" : "NO");
    }

    static String header() {
        return "| server      |  msg/s | deliveries/s | p50 ms  | p99 ms  | p999 ms  | CPU µs/del | client µs/del | lost | reord "
                + "| clean |\n|---|---|---|---|---|---|---|---|---|---|---|";
    }
}
