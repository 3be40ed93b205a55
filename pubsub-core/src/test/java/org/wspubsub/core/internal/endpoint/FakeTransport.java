package org.wspubsub.core.internal.endpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.wspubsub.core.internal.protocol.OutboundFrame;

/**
 * A {@link FrameTransport} whose writes the test completes: {@link Mode#INLINE} during the call,
 * {@link Mode#LATER} when the test calls {@link #completeNext}, {@link Mode#FAIL} with a failure
 * during the call. Records every batch; counts writes in flight to check "one write at a time".
 * Not thread-safe: one test thread drives it.
 */
final class FakeTransport implements FrameTransport {

    enum Mode { INLINE, LATER, FAIL }

    private final List<List<String>> batches = new ArrayList<>();
    private final ArrayDeque<WriteCallback> inFlight = new ArrayDeque<>();
    private int mostInFlight;
    private Mode mode = Mode.INLINE;
    /** Runs inside {@link #write}, before it completes: lets a test act "during" a write. */
    private Runnable duringWrite;
    private boolean aborted;

    void mode(Mode mode) {
        this.mode = mode;
    }

    void duringNextWrite(Runnable action) {
        this.duringWrite = action;
    }

    @Override
    public void write(List<OutboundFrame> frames, WriteCallback done) {
        List<String> texts = new ArrayList<>(frames.size());
        for (OutboundFrame frame : frames) {
            texts.add(frame.isPing() ? "PING" : frame.text());
        }
        batches.add(texts);
        inFlight.add(done);
        mostInFlight = Math.max(mostInFlight, inFlight.size());
        Runnable action = duringWrite;
        duringWrite = null;
        if (action != null) {
            action.run();
        }
        switch (mode) {
            case INLINE -> inFlight.removeLast().written(null);
            case FAIL -> inFlight.removeLast().written(new java.io.IOException("broken pipe"));
            case LATER -> { }
        }
    }

    /** Completes the oldest write in flight, successfully or with {@code failure}. */
    void completeNext(Throwable failure) {
        WriteCallback done = inFlight.poll();
        if (done == null) {
            throw new IllegalStateException("no write in flight");
        }
        done.written(failure);
    }

    int writesInFlight() {
        return inFlight.size();
    }

    int mostWritesInFlight() {
        return mostInFlight;
    }

    /** Every batch written so far, each frame as its text. */
    List<List<String>> batches() {
        return batches;
    }

    /** Every frame written so far, in order. */
    List<String> frames() {
        List<String> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    @Override
    public boolean isRaw() {
        return true;
    }

    @Override
    public void abort() {
        aborted = true;
    }

    boolean aborted() {
        return aborted;
    }
}
