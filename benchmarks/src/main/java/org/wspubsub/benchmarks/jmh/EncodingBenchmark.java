package org.wspubsub.benchmarks.jmh;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wspubsub.core.internal.protocol.JsonCodec;
import org.wspubsub.core.internal.protocol.OutboundFrame;
import org.wspubsub.core.internal.protocol.PublicationEncoder;

/** Encoding one publication (~200 bytes of JSON) into its delivery frame and its WebSocket frame: once per node. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncodingBenchmark {

    private final PublicationEncoder encoder = new PublicationEncoder(new JsonCodec(1024 * 1024));
    private final Map<String, Object> typed = Map.of("type", "chat_message", "data",
            Map.of("room", "7", "from", "alice", "text", "x".repeat(120), "at", "2026-11-22T12:00:00Z"));
    private final Map<String, Object> untyped = Map.of("text", "x".repeat(150), "n", 42);

    @Benchmark
    public byte[] encodeTypedMessageAndFrameIt() {
        return OutboundFrame.ofPayload(encoder.encodeHostMessage("room.7.messages", typed)).wireFrame();
    }

    @Benchmark
    public byte[] encodeWrappedMessageAndFrameIt() {
        return OutboundFrame.ofPayload(encoder.encodeHostMessage("room.7.messages", untyped)).wireFrame();
    }
}
