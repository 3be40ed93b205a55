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
 * its own exact topic and its own wildcard pattern).
 *
 * <p>{@code matchOneTopicAmongUnrelated} is the publish cost the index adds: one topic with a
 * subscriber and a pattern subscriber, published to again and again (a new topic string each time)
 * while the unrelated subscriptions grow; it should stay flat. The {@code match*Topic} benchmarks
 * publish to a different subscribed topic each time, so at 1 M they mostly measure cache misses
 * (each lookup touches entries no cache holds), the worst case for any hash index.
 *
 * <p>On a 2-core machine give it warm-up: {@code -wi 6 -w 2} (C2 needs several seconds here).
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
    private String liveSegment = "live";

    @Setup(Level.Trial)
    public void fill() {
        index = new TopicIndex<>();
        for (int i = 0; i < subscriptions / 2; i++) {
            index.add("user." + i + ".notifications", false, i);
            index.add("room." + i + ".*", true, i);
        }
        index.add("scores.live.football", false, -1);
        index.add("scores.*.football", true, -2);
    }

    @Benchmark
    public int matchOneTopicAmongUnrelated(Blackhole hole) {
        return index.forEachMatch("scores." + liveSegment + ".football", hole::consume);
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
