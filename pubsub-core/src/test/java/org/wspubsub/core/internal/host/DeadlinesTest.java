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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private static final java.util.concurrent.atomic.AtomicInteger INSTANCES = new java.util.concurrent.atomic.AtomicInteger();

    /** Each test's own sweeper name: an earlier test's sweeper may still be ending when the next looks for its own. */
    private final String sweeperName = "test-deadlines-" + INSTANCES.incrementAndGet();
    private final Deadlines deadlines = new Deadlines(sweeperName, Duration.ofMillis(10));

    @AfterEach
    void close() {
        deadlines.close();
    }

    @Test
    void failsAnUnansweredFutureWithATimeoutNoEarlierThanItsDeadline() {
        long started = System.nanoTime();
        CompletableFuture<String> answer = deadlines.within(new CompletableFuture<>(), 150);
        AtomicReference<Long> failedAfterMillis = new AtomicReference<>();
        answer.whenComplete((value, error) ->
                failedAfterMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));

        await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
        assertThat(answer).isCompletedExceptionally();
        assertThat(failedAfterMillis.get()).isGreaterThanOrEqualTo(150);
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, answer::get);
        assertThat(failure.getCause()).isInstanceOf(TimeoutException.class).hasMessageContaining("150 ms");
    }

    @Test
    void parksWhileNothingIsWatchedAndWakesForTheNextDeadline() {
        Thread sweeper = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(sweeperName)).findFirst().orElseThrow();
        // an untimed park (WAITING) rather than a tick every 10 ms (TIMED_WAITING)
        await().atMost(Duration.ofSeconds(5)).until(() -> sweeper.getState() == Thread.State.WAITING);

        CompletableFuture<String> answer = deadlines.within(new CompletableFuture<>(), 100);

        await().atMost(Duration.ofSeconds(5)).until(answer::isDone);
        assertThat(answer).isCompletedExceptionally();
        await().atMost(Duration.ofSeconds(5)).until(() -> sweeper.getState() == Thread.State.WAITING);
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

        await().atMost(Duration.ofSeconds(5)).until(shorter::isDone);
        assertThat(shorter).isCompletedExceptionally();
        assertThat(longer).isNotDone(); // a long deadline queued first does not hold the short one back
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
    void goesOnWhenAnActionChainedToATimedOutFutureThrows() {
        CompletableFuture<String> first = deadlines.within(new CompletableFuture<>(), 20);
        first.whenComplete((value, error) -> {
            throw new IllegalStateException("a careless dependent");
        });
        await().atMost(Duration.ofSeconds(5)).until(first::isDone);

        CompletableFuture<String> second = deadlines.within(new CompletableFuture<>(), 20);
        await().atMost(Duration.ofSeconds(5)).until(second::isDone);
        assertThat(second).isCompletedExceptionally();
    }
}
