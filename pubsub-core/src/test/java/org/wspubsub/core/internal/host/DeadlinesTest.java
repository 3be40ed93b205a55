package org.wspubsub.core.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines on a clock the test moves by hand: a deadline is due when that clock says so, whatever
 * the real time, so each test says exactly when a future may fail and when it must. The sweeper
 * is the real one (its own thread, looking every 10 ms of real time).
 */
class DeadlinesTest {

    /** The fake clock, in nanoseconds; counts how often the sweeper reads it. */
    private final FakeClock clock = new FakeClock();
    private final Deadlines deadlines = new Deadlines("test-deadlines", Duration.ofMillis(10), clock::read);

    @AfterEach
    void close() {
        deadlines.close();
    }

    @Test
    void failsAnUnansweredFutureWithATimeoutAtItsDeadlineAndNotBefore() {
        // a future watched one millisecond earlier, with the same timeout: the sweep that fails it
        // has looked at the later one too
        CompletableFuture<String> earlier = deadlines.within(new CompletableFuture<>(), 150);
        clock.advanceMillis(1);
        CompletableFuture<String> answer = deadlines.within(new CompletableFuture<>(), 150);

        clock.advanceMillis(149); // 150 ms after the first, 149 ms after the second
        await().atMost(Duration.ofSeconds(5)).until(earlier::isDone);
        assertThat(answer).isNotDone();

        clock.advanceMillis(1);
        await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, answer::get);
        assertThat(failure.getCause()).isInstanceOf(TimeoutException.class).hasMessageContaining("150 ms");
    }

    @Test
    void readsNoClockWhileNothingIsWatchedAndWakesForTheNextDeadline() {
        // idle: a sweeper that ticked anyway would read the clock every 10 ms
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> clock.reads() == 0);

        CompletableFuture<String> answer = deadlines.within(new CompletableFuture<>(), 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.reads() > 1); // within() read it once, the sweeper since
        clock.advanceMillis(100);
        await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
        assertThat(answer).isCompletedExceptionally();

        // idle again once the lane is empty
        long reads = clock.reads();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> clock.reads() == reads);
    }

    @Test
    void leavesFuturesThatWereAnsweredInTimeAlone() {
        List<CompletableFuture<String>> answered = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            CompletableFuture<String> answer = deadlines.within(new CompletableFuture<>(), 50);
            answer.complete("ok " + i);
            answered.add(answer);
        }
        CompletableFuture<String> unanswered = deadlines.within(new CompletableFuture<>(), 50);

        clock.advanceMillis(50);
        await().atMost(Duration.ofSeconds(5)).until(unanswered::isDone); // the lane was swept past them all
        assertThat(unanswered).isCompletedExceptionally();
        for (int i = 0; i < answered.size(); i++) {
            assertThat(answered.get(i).join()).isEqualTo("ok " + i);
        }
    }

    @Test
    void keepsTimeoutsOfDifferentLengthsApart() {
        CompletableFuture<String> longer = deadlines.within(new CompletableFuture<>(), 60_000);
        CompletableFuture<String> shorter = deadlines.within(new CompletableFuture<>(), 50);

        clock.advanceMillis(50);
        await().atMost(Duration.ofSeconds(5)).until(shorter::isDone);
        assertThat(shorter).isCompletedExceptionally();
        assertThat(longer).isNotDone(); // a long deadline queued first does not hold the short one back

        clock.advanceMillis(60_000 - 50);
        await().atMost(Duration.ofSeconds(5)).until(longer::isDone);
        assertThat(longer).isCompletedExceptionally();
    }

    @Test
    void failsWhatIsStillWaitingWhenClosedAndEverythingAfterwards() {
        CompletableFuture<String> waiting = deadlines.within(new CompletableFuture<>(), 60_000);

        deadlines.close();

        await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
        assertThat(waiting).isCompletedExceptionally();
        assertThat(deadlines.within(new CompletableFuture<String>(), 60_000)).isCompletedExceptionally();
    }

    @Test
    void goesOnWhenFailingATimedOutFutureThrows() {
        // CompletableFuture itself catches what a dependent action throws; a future whose own
        // completion throws reaches the sweeper
        CompletableFuture<String> careless = new CompletableFuture<>() {
            @Override
            public boolean completeExceptionally(Throwable ex) {
                super.completeExceptionally(ex);
                throw new IllegalStateException("a careless future");
            }
        };
        deadlines.within(careless, 20);
        clock.advanceMillis(20);
        await().atMost(Duration.ofSeconds(5)).until(careless::isDone);

        CompletableFuture<String> next = deadlines.within(new CompletableFuture<>(), 20);
        clock.advanceMillis(20);
        await().atMost(Duration.ofSeconds(5)).until(next::isDone);
        assertThat(next).isCompletedExceptionally();
    }

    /** A monotonic clock that moves only when the test moves it. Thread-safe. */
    private static final class FakeClock {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
        private final AtomicLong reads = new AtomicLong();

        long read() {
            reads.incrementAndGet();
            return nanos.get();
        }

        long reads() {
            return reads.get();
        }

        void advanceMillis(long millis) {
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }
}
