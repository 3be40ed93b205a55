package org.wspubsub.core.internal.endpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * Lincheck's model checker runs {@link #offer}, {@link #round}, {@link #runWorker} and
 * {@link #completeWrite} from several threads at once and explores their interleavings down to
 * single memory accesses; after each run {@link #everyFrameWasWrittenOnceInEachProducersOrder}
 * drains what is left and checks the queue's invariants: every accepted frame written exactly once,
 * each producer's frames in the order it handed them over, one write in flight at a time, and the
 * counters back to zero. Lincheck finds and prints the interleaving of any run that breaks one.
 *
 * <p>The worker is a real inbox that one thread at a time drains ({@link #runWorker} from whichever
 * thread the checker picks), and writes complete later, when {@link #completeWrite} runs, on that
 * thread: the transport's callback coming from a thread that is not the worker's.
 */
public class OutboundQueueModelCheckTest {

    private final ModelWorker worker = new ModelWorker();
    private final ModelTransport transport = new ModelTransport();
    private final OutboundQueue queue = new OutboundQueue(transport, worker, 1 << 20, 1_000, bytes -> { }, failure -> { });
    private final WriterRounds rounds = new WriterRounds(1);
    /** Per producing thread, how many frames it has handed over. */
    private final Map<Long, AtomicInteger> sequences = new ConcurrentHashMap<>();

    private OutboundFrame next() {
        long producer = Thread.currentThread().getId();
        int n = sequences.computeIfAbsent(producer, p -> new AtomicInteger()).getAndIncrement();
        return OutboundFrame.ofText(producer + ":" + n);
    }

    @Operation
    public boolean offer() {
        return queue.offer(next());
    }

    @Operation
    public void round() {
        WriterRounds.Round round = rounds.begin(next());
        round.add(queue);
        round.end();
    }

    @Operation
    public void runWorker() {
        worker.runWaitingTasks();
    }

    @Operation
    public void completeWrite() {
        transport.completeOldest();
    }

    @Validate
    public void everyFrameWasWrittenOnceInEachProducersOrder() {
        for (int i = 0; i < 1_000 && (worker.hasWaitingTasks() || transport.inFlight() > 0); i++) {
            worker.runWaitingTasks();
            transport.completeOldest();
        }
        Map<String, Integer> lastOfProducer = new HashMap<>();
        int written = 0;
        for (String frame : transport.written()) {
            String[] parts = frame.split(":");
            int n = Integer.parseInt(parts[1]);
            Integer last = lastOfProducer.put(parts[0], n);
            if (last != null && n != last + 1) {
                throw new IllegalStateException("producer " + parts[0] + " wrote " + n + " after " + last
                        + ": " + transport.written());
            }
            if (last == null && n != 0) {
                throw new IllegalStateException("producer " + parts[0] + " started with " + n + ": " + transport.written());
            }
            written++;
        }
        int handedOver = sequences.values().stream().mapToInt(AtomicInteger::get).sum();
        if (written != handedOver) {
            throw new IllegalStateException(handedOver + " frames handed over, " + written + " written: "
                    + transport.written());
        }
        if (transport.mostInFlight() > 1) {
            throw new IllegalStateException(transport.mostInFlight() + " writes were in flight at once");
        }
        if (queue.pendingFrames() != 0 || queue.pendingBytes() != 0) {
            throw new IllegalStateException("counters not back to zero: " + queue.pendingFrames() + " frames, "
                    + queue.pendingBytes() + " bytes");
        }
    }

    @Test
    void modelCheck() {
        ModelCheckingOptions options = new ModelCheckingOptions()
                .iterations(5)
                .invocationsPerIteration(100)
                .threads(3)
                .actorsPerThread(3);
        LinChecker.check(OutboundQueueModelCheckTest.class, options); // throws, with the interleaving, on a failure
    }

    /** An inbox drained by one thread at a time: whichever thread calls {@link #runWaitingTasks} and wins the flag. */
    static final class ModelWorker implements OutboundWorker {
        private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean();

        @Override
        public void execute(Runnable task) {
            inbox.add(task);
        }

        @Override
        public boolean hasWaitingTasks() {
            return !inbox.isEmpty();
        }

        @Override
        public int index() {
            return 0;
        }

        void runWaitingTasks() {
            if (!running.compareAndSet(false, true)) {
                return; // another thread is the worker right now
            }
            try {
                Runnable task;
                while ((task = inbox.poll()) != null) {
                    task.run();
                }
            } finally {
                running.set(false);
            }
        }
    }

    /** Records what is written; a write completes only when {@link #completeOldest} runs. Thread-safe. */
    static final class ModelTransport implements FrameTransport {
        private final List<String> written = new ArrayList<>();
        private final ArrayDeque<WriteCallback> inFlight = new ArrayDeque<>();
        private int mostInFlight;

        @Override
        public synchronized void write(List<OutboundFrame> frames, WriteCallback done) {
            for (OutboundFrame frame : frames) {
                written.add(frame.text());
            }
            inFlight.add(done);
            mostInFlight = Math.max(mostInFlight, inFlight.size());
        }

        void completeOldest() {
            WriteCallback done;
            synchronized (this) {
                done = inFlight.poll();
            }
            if (done != null) {
                done.written(null);
            }
        }

        synchronized int inFlight() {
            return inFlight.size();
        }

        synchronized int mostInFlight() {
            return mostInFlight;
        }

        synchronized List<String> written() {
            return new ArrayList<>(written);
        }

        @Override
        public boolean isRaw() {
            return true;
        }

        @Override
        public void abort() {
        }
    }
}
