package org.wspubsub.benchmarks.servers;

/** Reads a topic out of the head of a frame for the baseline servers, without a JSON library. */
final class Topic {

    private Topic() {
    }

    /** The string after {@code key} up to the next quote, or "" when absent. */
    static String of(String head, String key) {
        int at = head.indexOf(key);
        if (at < 0) {
            return "";
        }
        int start = at + key.length();
        int end = head.indexOf('"', start);
        return end < 0 ? "" : head.substring(start, end);
    }
}
