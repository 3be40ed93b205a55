package org.wspubsub.benchmarks.load;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.wspubsub.benchmarks.servers.HostPublish;
import org.wspubsub.benchmarks.servers.PublishTopics;

/**
 * How a step's publications are made ({@code --publish}): by the load tool through a client
 * connection ({@code client}: {@code publish} frames, as a browser or app publishes), or by the
 * server itself from a host thread ({@code in-process}: the library's {@code IWebSocketService.publish},
 * as the README tells hosts to publish; the raw baselines write the same frames from a thread of
 * their own), ordered over the server process's standard input (see {@link HostPublish}). Either
 * way every publication carries a sequence number and its send time, and the subscribers see
 * frames of the same shape and length. Used by the load tool's main thread.
 */
interface Publishing {

    /** What one step published: how many, how many the server reported failed, over what window. */
    record Published(long count, long failed, double seconds) {
    }

    /**
     * Publishes {@code rate} msg/s for {@code duration}, publication {@code i} with sequence number
     * {@code sequence[0] + i} on {@code topics.of(seq)}, {@code size} bytes; advances
     * {@code sequence[0]} past them.
     */
    Published run(int rate, Duration duration, PublishTopics topics, int size, long[] sequence) throws Exception;

    /** The values of {@code --publish}. */
    enum Via {
        CLIENT("client"), IN_PROCESS("in-process");

        final String option;

        Via(String option) {
            this.option = option;
        }

        /** Reads {@code --publish}; {@code fallback} when it is absent. */
        static Via of(String value, Via fallback) {
            if (value == null) {
                return fallback;
            }
            for (Via via : values()) {
                if (via.option.equals(value.toLowerCase(Locale.ROOT))) {
                    return via;
                }
            }
            throw new IllegalArgumentException("--publish must be client or in-process, not " + value);
        }
    }

    /** Publishes through {@code publisher}, a client connection, paced by the clock on the caller's thread. */
    static Publishing client(Channel publisher) {
        return (rate, duration, topics, size, sequence) -> {
            long start = System.nanoTime();
            long window = duration.toNanos();
            long published = 0;
            while (true) {
                long elapsed = System.nanoTime() - start;
                if (elapsed >= window) {
                    break;
                }
                long due = elapsed * rate / 1_000_000_000L + 1;
                while (published < due) {
                    long seq = sequence[0]++;
                    publisher.write(new TextWebSocketFrame(Frames.publish(topics.of(seq), seq, System.nanoTime(), size)));
                    published++;
                }
                publisher.flush();
                LockSupport.parkNanos(Math.max(50_000, 1_000_000_000L / rate / 2));
            }
            return new Published(published, 0, (System.nanoTime() - start) / 1e9);
        };
    }

    /** Has {@code server} publish in-process, from its host thread, and waits for its report. */
    static Publishing inProcess(ServerProcess server) {
        return (rate, duration, topics, size, sequence) -> {
            if (duration.toMillis() < 1) {
                throw new IOException("an in-process step needs at least a millisecond");
            }
            HostPublish.Outcome outcome = server.publish(new HostPublish(topics, rate, duration.toMillis(), size, sequence[0]));
            sequence[0] += outcome.published();
            return new Published(outcome.published(), outcome.failed(), outcome.nanos() / 1e9);
        };
    }
}
