package org.wspubsub.core.internal.endpoint;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * An {@link OutboundWorker} the test steps by hand: tasks wait until the test runs them, one at a
 * time, on the test's thread, so an interleaving can be written down and replayed. Not thread-safe:
 * one test thread drives it.
 */
final class SteppedWorker implements OutboundWorker {

    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final int index;
    private boolean stopped;

    SteppedWorker(int index) {
        this.index = index;
    }

    SteppedWorker() {
        this(0);
    }

    @Override
    public void execute(Runnable task) {
        if (stopped) {
            throw new RejectedExecutionException("stopped");
        }
        tasks.add(task);
    }

    @Override
    public boolean hasWaitingTasks() {
        return !tasks.isEmpty();
    }

    @Override
    public int index() {
        return index;
    }

    /** How many tasks wait. */
    int waiting() {
        return tasks.size();
    }

    /** Runs the oldest waiting task; fails when none waits. */
    void runNext() {
        Runnable task = tasks.poll();
        if (task == null) {
            throw new IllegalStateException("no task waits");
        }
        task.run();
    }

    /** Runs tasks until none waits (tasks may hand over new ones); at most 10,000. */
    void runAll() {
        for (int i = 0; i < 10_000 && !tasks.isEmpty(); i++) {
            runNext();
        }
        if (!tasks.isEmpty()) {
            throw new IllegalStateException("the worker never ran out of tasks");
        }
    }

    /** Refuses every later task, as a stopped worker does. */
    void stop() {
        stopped = true;
    }
}
