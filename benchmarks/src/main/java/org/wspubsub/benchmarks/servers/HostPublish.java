package org.wspubsub.benchmarks.servers;

import java.util.concurrent.locks.LockSupport;

/**
 * The load tool's order to a bench server to publish in-process, from a host thread, the way the
 * README tells hosts to publish ({@code IWebSocketService.publish}; the raw baselines write the
 * same frames to their sockets from a thread of their own). One line on the server's standard
 * input:
 * <pre>
 *   publish &lt;topic base&gt; &lt;spread&gt; &lt;rate msg/s&gt; &lt;milliseconds&gt; &lt;size bytes&gt; &lt;first sequence number&gt;
 * </pre>
 * answered, once every publication was handed over, with
 * {@code PUBLISHED <publications> <failed> <nanoseconds of the publishing window>}.
 *
 * <p>Each publication carries its sequence number and its send time ({@code System.nanoTime()},
 * which on Linux reads the system-wide monotonic clock, so the load tool's clients, another
 * process on the same host, can subtract it from their own), padded so that the frame a subscriber
 * receives is as long as when the load tool publishes {@code size}-byte frames through a connection.
 * Immutable.
 */
public record HostPublish(PublishTopics topics, int rate, long millis, int size, long firstSeq) {

    /** The command's first word. */
    public static final String COMMAND = "publish";
    /** The reply's first word. */
    public static final String REPLY = "PUBLISHED";

    /** The head of the load tool's publish frame, up to the topic (see the load tool's {@code Frames.publish}). */
    private static final String PUBLISH_HEAD = "{\"type\":\"publish\",\"topic\":\"";
    /** The head of the delivered frame ({@code {"type":"message",…}}), as long as the publish frame's. */
    private static final String MESSAGE_HEAD = "{\"type\":\"message\",\"topic\":\"";

    public HostPublish {
        if (rate < 1 || millis < 1 || size < 0 || firstSeq < 0) {
            throw new IllegalArgumentException("publish needs a rate and a length above 0, a size and a first sequence "
                    + "number of 0 or more: rate " + rate + ", ms " + millis + ", size " + size + ", seq " + firstSeq);
        }
    }

    /** The command line (without its line break). */
    public String line() {
        return String.join(" ", COMMAND, topics.base(), Integer.toString(topics.spread()), Integer.toString(rate),
                Long.toString(millis), Integer.toString(size), Long.toString(firstSeq));
    }

    /** Reads a command {@link #line()} wrote; throws {@link IllegalArgumentException} for anything else. */
    public static HostPublish parse(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length != 7 || !words[0].equals(COMMAND)) {
            throw new IllegalArgumentException("not a publish command: '" + line + "'");
        }
        try {
            return new HostPublish(new PublishTopics(words[1], Integer.parseInt(words[2])), Integer.parseInt(words[3]),
                    Long.parseLong(words[4]), Integer.parseInt(words[5]), Long.parseLong(words[6]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a publish command: '" + line + "'", e);
        }
    }

    /** What one server does with one publication. */
    @FunctionalInterface
    public interface Sink {
        void publish(String topic, long seq, long sentNanos);
    }

    /** What came of a command, as the reply line carries it. */
    public record Outcome(long published, long failed, long nanos) {

        public String line() {
            return REPLY + " " + published + " " + failed + " " + nanos;
        }

        /** Reads a reply {@link #line()} wrote. */
        public static Outcome parse(String line) {
            String[] words = line.trim().split("\\s+");
            if (words.length != 4 || !words[0].equals(REPLY)) {
                throw new IllegalArgumentException("not a publish reply: '" + line + "'");
            }
            return new Outcome(Long.parseLong(words[1]), Long.parseLong(words[2]), Long.parseLong(words[3]));
        }
    }

    /**
     * Publishes at {@link #rate()} for {@link #millis()} on the calling thread, paced by the clock
     * as the load tool paces its publisher connection (a late thread catches up at once); returns how
     * many it published. Publication {@code i} has sequence number {@code firstSeq + i}.
     */
    public long run(Sink sink) {
        long start = System.nanoTime();
        long window = millis * 1_000_000L;
        long published = 0;
        long pause = Math.max(50_000, 1_000_000_000L / rate / 2);
        while (true) {
            long elapsed = System.nanoTime() - start;
            if (elapsed >= window) {
                break;
            }
            long due = elapsed * rate / 1_000_000_000L + 1;
            while (published < due) {
                long seq = firstSeq + published;
                sink.publish(topics.of(seq), seq, System.nanoTime());
                published++;
            }
            LockSupport.parkNanos(pause);
        }
        return published;
    }

    /**
     * The padding that makes a publication of {@code topic} with {@code seq} and {@code sentNanos}
     * as long as the load tool's {@code size}-byte publish frame: {@code {"seq":…,"ts":…,"pad":"xx…"}}.
     */
    public static int padLength(String topic, long seq, long sentNanos, int size) {
        int head = PUBLISH_HEAD.length() + topic.length() + "\",\"data\":{\"seq\":".length() + digits(seq)
                + ",\"ts\":".length() + digits(sentNanos) + ",\"pad\":\"".length();
        return Math.max(0, size - head - 3);
    }

    /**
     * The frame a subscriber receives for this publication, built by the raw baselines (the library
     * builds its own from the message): {@code {"type":"message","topic":…,"data":{"seq":…,"ts":…,"pad":…}}}.
     */
    public static String messageFrame(String topic, long seq, long sentNanos, String pad) {
        return MESSAGE_HEAD + topic + "\",\"data\":{\"seq\":" + seq + ",\"ts\":" + sentNanos + ",\"pad\":\"" + pad + "\"}}";
    }

    private static int digits(long value) {
        return Long.toString(value).length();
    }
}
