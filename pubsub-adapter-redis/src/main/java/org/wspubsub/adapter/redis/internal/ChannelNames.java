package org.wspubsub.adapter.redis.internal;

/**
 * Maps topics to Redis channels and subscription patterns to Redis glob patterns, under a prefix:
 * topic {@code room.7.messages} is channel {@code websocket_messages:room.7.messages}; pattern
 * {@code room.*.messages} is glob {@code websocket_messages:room.*.messages} and {@code room.>} is
 * {@code websocket_messages:room.*}. Glob metacharacters in literal segments and in the prefix are
 * escaped. A Redis {@code *} also matches dots, so globs over-match; receivers filter with
 * {@link org.wspubsub.api.Topics#matches}. Immutable; thread-safe.
 */
public final class ChannelNames {

    private final String prefix;
    private final String escapedPrefix;

    public ChannelNames(String prefix) {
        this.prefix = prefix + ":";
        this.escapedPrefix = escape(prefix) + ":";
    }

    public String channel(String topic) {
        return prefix + topic;
    }

    /** The topic of a channel, or null when the channel is not under this prefix. */
    public String topic(String channel) {
        return channel.startsWith(prefix) ? channel.substring(prefix.length()) : null;
    }

    public String glob(String pattern) {
        StringBuilder glob = new StringBuilder(escapedPrefix);
        String[] segments = pattern.split("\\.", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                glob.append('.');
            }
            String segment = segments[i];
            glob.append(segment.equals("*") || segment.equals(">") ? "*" : escape(segment));
        }
        return glob.toString();
    }

    private static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length());
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
