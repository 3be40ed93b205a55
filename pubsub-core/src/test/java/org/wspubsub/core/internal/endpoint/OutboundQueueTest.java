package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.internal.endpoint.FakeTransport.Mode;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * The invariants stated in {@link OutboundQueue}'s class comment, each against a {@link FakeTransport}
 * whose completions the test controls and a {@link SteppedWorker} the test runs by hand, so every
 * interleaving below is written down and replays the same way each time.
 */
class OutboundQueueTest {

    private final SteppedWorker worker = new SteppedWorker();
    private final FakeTransport transport = new FakeTransport();
    private final List<Long> overflows = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    private OutboundQueue queue(long maxBytes, int maxFrames) {
        return new OutboundQueue(transport, worker, maxBytes, maxFrames, overflows::add, failures::add);
    }

    private OutboundQueue queue() {
        return queue(1 << 20, 1_000);
    }

    private static OutboundFrame frame(String name) {
        return OutboundFrame.ofText("{\"type\":\"" + name + "\"}");
    }

    private static String text(String name) {
        return frame(name).text();
    }

    private static WriterRounds.Round roundOf(OutboundFrame frame, OutboundQueue... queues) {
        WriterRounds.Round round = new WriterRounds(2).begin(frame);
        for (OutboundQueue queue : queues) {
            round.add(queue);
        }
        return round;
    }

    /** A transport whose writes {@code write} makes. */
    private static FrameTransport transport(java.util.function.BiConsumer<List<OutboundFrame>, FrameTransport.WriteCallback> write) {
        return new FrameTransport() {
            @Override
            public void write(List<OutboundFrame> frames, WriteCallback done) {
                write.accept(frames, done);
            }

            @Override
            public boolean isRaw() {
                return true;
            }

            @Override
            public void abort() {
            }
        };
    }

    private static void assertCountersAreZero(OutboundQueue queue) {
        assertThat(queue.pendingFrames()).as("frames pending").isZero();
        assertThat(queue.pendingBytes()).as("bytes pending").isZero();
    }

    // ---- order ----

    @Test
    void framesOfOneProducerLeaveInTheOrderItOfferedThem() {
        OutboundQueue queue = queue();
        for (int i = 0; i < 5; i++) {
            queue.offer(frame("m" + i));
        }
        worker.runAll();

        assertThat(transport.frames()).containsExactly(text("m0"), text("m1"), text("m2"), text("m3"), text("m4"));
        assertCountersAreZero(queue);
    }

    /**
     * The interleaving the previous design got wrong: a reply offered once a delivery round has ended
     * must follow the round's frame, wherever the worker is in delivering it.
     */
    @Test
    void aReplyOfferedAfterARoundEndedIsWrittenAfterTheRoundsFrameHoweverTheWorkerInterleaves() {
        // 1. the reply is offered before the worker has run anything
        OutboundQueue first = queue();
        roundOf(frame("delivery"), first).end();
        first.offer(frame("pong"));
        worker.runAll();
        assertThat(transport.frames()).containsExactly(text("delivery"), text("pong"));

        // 2. the reply is offered while the delivery's write is in flight
        FakeTransport laterTransport = new FakeTransport();
        laterTransport.mode(Mode.LATER);
        OutboundQueue second = new OutboundQueue(laterTransport, worker, 1 << 20, 1_000, overflows::add, failures::add);
        roundOf(frame("delivery"), second).end();
        worker.runNext();
        assertThat(laterTransport.writesInFlight()).isOne();
        second.offer(frame("pong"));
        worker.runAll();
        laterTransport.completeNext(null);
        worker.runAll();
        laterTransport.completeNext(null);
        assertThat(laterTransport.frames()).containsExactly(text("delivery"), text("pong"));

        // 3. the reply is offered during the transport's write call of the delivery
        FakeTransport duringTransport = new FakeTransport();
        OutboundQueue third = new OutboundQueue(duringTransport, worker, 1 << 20, 1_000, overflows::add, failures::add);
        duringTransport.duringNextWrite(() -> third.offer(frame("pong")));
        roundOf(frame("delivery"), third).end();
        worker.runAll();
        assertThat(duringTransport.frames()).containsExactly(text("delivery"), text("pong"));

        assertCountersAreZero(first);
        assertCountersAreZero(second);
        assertCountersAreZero(third);
    }

    @Test
    void aRoundDeliversToEachOfItsConnectionsOnceWithOneTaskPerWorker() {
        SteppedWorker other = new SteppedWorker(1);
        FakeTransport otherTransport = new FakeTransport();
        OutboundQueue a = queue();
        OutboundQueue b = queue();
        OutboundQueue c = new OutboundQueue(otherTransport, other, 1 << 20, 1_000, overflows::add, failures::add);
        WriterRounds.Round round = roundOf(frame("news"), a, b, c);
        assertThat(worker.waiting()).as("nothing is handed over before the round ends").isZero();

        round.end();

        assertThat(worker.waiting()).isOne();
        assertThat(other.waiting()).isOne();
        worker.runAll();
        other.runAll();
        assertThat(transport.frames()).containsExactly(text("news"), text("news"));
        assertThat(otherTransport.frames()).containsExactly(text("news"));
    }

    // ---- one write at a time, batching ----

    @Test
    void keepsOneWriteInFlightAndSendsWhatArrivedMeanwhileInTheNextWrite() {
        transport.mode(Mode.LATER);
        OutboundQueue queue = queue();
        queue.offer(frame("a"));
        worker.runAll();
        queue.offer(frame("b"));
        queue.offer(frame("c"));
        worker.runAll();
        assertThat(transport.batches()).as("b and c wait for a's write").containsExactly(List.of(text("a")));

        transport.completeNext(null);
        worker.runAll();

        assertThat(transport.batches()).containsExactly(List.of(text("a")), List.of(text("b"), text("c")));
        assertThat(queue.pendingFrames()).as("b and c are in flight").isEqualTo(2);
        transport.completeNext(null);
        worker.runAll();
        assertThat(transport.mostWritesInFlight()).isOne();
        assertCountersAreZero(queue);
    }

    @Test
    void writesAFrameAtOnceOnlyWhenNothingElseWaitsOnTheWorker() {
        OutboundQueue queue = queue();
        roundOf(frame("p1"), queue).end();
        roundOf(frame("p2"), queue).end();
        roundOf(frame("p3"), queue).end();

        worker.runAll();

        assertThat(transport.batches()).as("three publications waiting together go out in one write")
                .containsExactly(List.of(text("p1"), text("p2"), text("p3")));

        roundOf(frame("p4"), queue).end();
        worker.runAll();
        assertThat(transport.batches()).as("alone, a publication is written at once")
                .endsWith(List.of(text("p4")));
        assertCountersAreZero(queue);
    }

    @Test
    void splitsWhatIsQueuedIntoWritesOfAtMostTheBatchSize() {
        transport.mode(Mode.LATER);
        OutboundQueue queue = queue();
        String big = "x".repeat(OutboundQueue.MAX_BATCH_BYTES / 3);
        queue.offer(frame("first"));
        worker.runAll();
        for (int i = 0; i < 7; i++) {
            queue.offer(OutboundFrame.ofText("{\"type\":\"" + i + big + "\"}"));
        }
        worker.runAll();
        while (transport.writesInFlight() > 0) {
            transport.completeNext(null);
            worker.runAll();
        }

        List<List<String>> batches = transport.batches();
        assertThat(batches).hasSize(5); // "first", then 7 frames of a third of the limit: 2 + 2 + 2 + 1
        for (List<String> batch : batches) {
            int bytes = batch.stream().mapToInt(t -> OutboundFrame.ofText(t).size()).sum();
            assertThat(bytes).isLessThanOrEqualTo(OutboundQueue.MAX_BATCH_BYTES);
        }
        assertThat(transport.frames()).hasSize(8);
        assertCountersAreZero(queue);
    }

    // ---- bounds ----

    @Test
    void refusesAFrameOverTheFrameBoundAndReportsTheOverflowOnce() {
        transport.mode(Mode.LATER);
        OutboundQueue queue = queue(1 << 20, 2);
        assertThat(queue.offer(frame("a"))).isTrue();
        assertThat(queue.offer(frame("b"))).isTrue();

        assertThat(queue.offer(frame("c"))).isFalse();
        assertThat(queue.offer(frame("d"))).isFalse();

        assertThat(overflows).hasSize(1);
        assertThat(queue.pendingFrames()).isEqualTo(2);
    }

    @Test
    void refusesAFrameOverTheByteBoundAndReportsThePendingBytes() {
        transport.mode(Mode.LATER);
        OutboundFrame a = frame("a");
        OutboundQueue queue = queue(a.size() * 2L + 1, 1_000);
        queue.offer(a);
        queue.offer(frame("b"));

        assertThat(queue.offer(frame("c"))).isFalse();

        assertThat(overflows).containsExactly(a.size() * 3L);
        assertThat(queue.pendingBytes()).isEqualTo(a.size() * 2L);
    }

    @Test
    void aRoundCountsItsFrameAgainstTheBoundsBeforeItIsHandedOver() {
        OutboundQueue queue = queue(1 << 20, 1);
        WriterRounds.Round round = roundOf(frame("reserved"), queue);

        assertThat(queue.offer(frame("reply"))).as("the round's frame already fills the queue").isFalse();
        assertThat(overflows).hasSize(1);
        round.end();
        worker.runAll();
        assertCountersAreZero(queue);
    }

    // ---- finish ----

    @Test
    void finishRunsItsActionOnceAfterEveryFrameReservedBeforeItWasWrittenIncludingARoundStillOnItsWay() {
        List<String> events = new ArrayList<>();
        FrameTransport recording = transport((frames, done) -> {
            frames.forEach(f -> events.add(f.text()));
            done.written(null);
        });
        OutboundQueue queue = new OutboundQueue(recording, worker, 1 << 20, 1_000, overflows::add, failures::add);
        queue.offer(frame("reply"));
        WriterRounds.Round round = roundOf(frame("delivery"), queue); // reserved, not handed over yet

        queue.finish(() -> events.add("closed"));
        worker.runAll();
        assertThat(events).as("the round's frame has not arrived: no close yet").containsExactly(text("reply"));
        assertThat(queue.offer(frame("late"))).as("finish stops accepting").isFalse();

        round.end();
        worker.runAll();

        assertThat(events).containsExactly(text("reply"), text("delivery"), "closed");
        assertCountersAreZero(queue);
    }

    @Test
    void finishWaitsForTheWriteInFlight() {
        transport.mode(Mode.LATER);
        OutboundQueue queue = queue();
        List<String> closed = new ArrayList<>();
        queue.offer(frame("a"));
        worker.runAll();
        queue.finish(() -> closed.add("closed"));
        worker.runAll();
        assertThat(closed).isEmpty();

        transport.completeNext(null);
        worker.runAll();

        assertThat(closed).containsExactly("closed");
    }

    @Test
    void finishOnAStoppedWorkerRunsItsActionAtOnce() {
        OutboundQueue queue = queue();
        worker.stop();
        List<String> closed = new ArrayList<>();

        queue.finish(() -> closed.add("closed"));

        assertThat(closed).containsExactly("closed");
        assertThat(queue.offer(frame("late"))).isFalse();
        assertCountersAreZero(queue);
    }

    // ---- discard and failures ----

    @Test
    void discardDropsWhatIsQueuedAndWhatStillArrivesAndBringsTheCountersBackToZero() {
        transport.mode(Mode.LATER);
        OutboundQueue queue = queue();
        List<String> closed = new ArrayList<>();
        queue.offer(frame("in-flight"));
        worker.runAll();
        queue.offer(frame("queued"));
        worker.runAll();
        WriterRounds.Round round = roundOf(frame("on-its-way"), queue);
        queue.finish(() -> closed.add("closed"));

        queue.discard();
        round.end();
        worker.runAll();
        transport.completeNext(null);
        worker.runAll();

        assertThat(transport.frames()).containsExactly(text("in-flight"));
        assertThat(closed).as("a discarded queue never runs finish's action").isEmpty();
        assertThat(queue.offer(frame("after"))).isFalse();
        assertCountersAreZero(queue);
    }

    @Test
    void aFailedWriteIsReportedOnceDropsTheRestAndRefusesLaterFrames() {
        transport.mode(Mode.LATER);
        OutboundQueue queue = queue();
        queue.offer(frame("a"));
        worker.runAll();
        queue.offer(frame("b"));
        queue.offer(frame("c"));
        worker.runAll();

        transport.completeNext(new java.io.IOException("reset"));
        worker.runAll();

        assertThat(failures).hasSize(1);
        assertThat(transport.frames()).containsExactly(text("a"));
        assertThat(queue.offer(frame("d"))).isFalse();
        assertCountersAreZero(queue);
    }

    @Test
    void aWriteThatFailsDuringTheCallIsReportedLikeALaterFailure() {
        transport.mode(Mode.FAIL);
        OutboundQueue queue = queue();
        queue.offer(frame("a"));

        worker.runAll();

        assertThat(failures).hasSize(1);
        assertThat(queue.offer(frame("b"))).isFalse();
        worker.runAll();
        assertThat(transport.frames()).containsExactly(text("a"));
        assertCountersAreZero(queue);
    }

    @Test
    void aTransportThatThrowsCountsAsAFailedWrite() {
        FrameTransport throwing = transport((frames, done) -> {
            throw new IllegalStateException("session closed");
        });
        OutboundQueue queue = new OutboundQueue(throwing, worker, 1 << 20, 1_000, overflows::add, failures::add);
        queue.offer(frame("a"));

        worker.runAll();

        assertThat(failures).singleElement().isInstanceOf(IllegalStateException.class);
        assertCountersAreZero(queue);
    }

    @Test
    void framesForAStoppedWorkerAreRefusedAndGivenBack() {
        OutboundQueue queue = queue();
        worker.stop();

        assertThat(queue.offer(frame("a"))).isFalse();
        WriterRounds.Round round = roundOf(frame("b"), queue);
        round.end();

        assertCountersAreZero(queue);
    }
}
