package org.wspubsub.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.wspubsub.core.internal.hub.TopicIndex;

/**
 * The topic index with 1 k, 100 k and 1 M subscriptions on unrelated topics (each subscriber on
 * its own exact topic and its own wildcard pattern): the cost of matching one publication, and of
 * one subscribe/unsubscribe pair, should stay flat as the index grows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopicIndexBenchmark {

    @Param({"1000", "100000", "1000000"})
    public int subscriptions;

    private TopicIndex<Integer> index;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        index = new TopicIndex<>();
        for (int i = 0; i < subscriptions / 2; i++) {
            index.add("user." + i + ".notifications", false, i);
            index.add("room." + i + ".*", true, i);
        }
    }

    @Benchmark
    public int matchExactTopic(Blackhole hole) {
        int i = next++ % (subscriptions / 2);
        return index.forEachMatch("user." + i + ".notifications", hole::consume);
    }

    @Benchmark
    public int matchWildcardTopic(Blackhole hole) {
        int i = next++ % (subscriptions / 2);
        return index.forEachMatch("room." + i + ".messages", hole::consume);
    }

    @Benchmark
    public int matchUnsubscribedTopic(Blackhole hole) {
        return index.forEachMatch("nobody." + (next++) + ".listens", hole::consume);
    }

    @Benchmark
    public boolean subscribeAndUnsubscribeExact() {
        int id = -1 - (next++ & 1023);
        index.add("fresh." + id, false, id);
        return index.remove("fresh." + id, false, id);
    }

    @Benchmark
    public boolean subscribeAndUnsubscribeWildcard() {
        int id = -1 - (next++ & 1023);
        index.add("fresh." + id + ".>", true, id);
        return index.remove("fresh." + id + ".>", true, id);
    }
}
