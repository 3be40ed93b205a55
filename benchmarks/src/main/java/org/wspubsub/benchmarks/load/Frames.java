package org.wspubsub.benchmarks.load;

/** The load tool's frames and the tiny parser that reads them back without a JSON library. Stateless. */
final class Frames {

    private Frames() {
    }

    static String subscribe(String topic) {
        return "{\"type\":\"subscribe\",\"topics\":[\"" + topic + "\"]}";
    }

    /** A publish frame of about {@code size} bytes carrying a sequence number and the send time. */
    static String publish(String topic, long seq, long sentNanos, int size) {
        String head = "{\"type\":\"publish\",\"topic\":\"" + topic + "\",\"data\":{\"seq\":" + seq + ",\"ts\":" + sentNanos
                + ",\"pad\":\"";
        int pad = Math.max(0, size - head.length() - 3);
        return head + "x".repeat(pad) + "\"}}";
    }

    /** The number after {@code "key":} in {@code text}, or -1. */
    static long number(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        for (int i = at + key.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The first string after {@code "key":"} in {@code text}, or null. */
    static String string(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = at + key.length();
        int end = text.indexOf('"', start);
        return end < 0 ? null : text.substring(start, end);
    }
}
