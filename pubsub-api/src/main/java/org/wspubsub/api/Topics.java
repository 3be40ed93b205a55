package org.wspubsub.api;

import java.util.Optional;

/**
 * The topic syntax of protocol v1, shared by the core and by adapters (which must filter what a
 * broker's own pattern syntax over-matches).
 *
 * <ul>
 *   <li>A topic is dot-separated segments ({@code user.42.notifications}), 1 to 255 characters,
 *       no empty segment, no whitespace (Unicode included) and no control characters.</li>
 *   <li>A pattern (subscriptions only) may use a segment that is exactly {@code *} (one segment)
 *       and, as its last segment, exactly {@code >} (one or more segments). {@code *} or {@code >}
 *       anywhere else is invalid. A concrete topic contains neither character.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Topics {

    /** The longest topic or pattern, in characters (code points). */
    public static final int MAX_LENGTH = 255;

    private Topics() {
    }

    /** Why {@code topic} is not a valid concrete topic (for publishing), or empty when it is valid. */
    public static Optional<String> checkTopic(String topic) {
        return check(topic, false);
    }

    /** Why {@code pattern} is not a valid subscription (topic or wildcard pattern), or empty when it is valid. */
    public static Optional<String> checkPattern(String pattern) {
        return check(pattern, true);
    }

    /** Whether a valid subscription contains a wildcard segment. */
    public static boolean isPattern(String subscription) {
        return subscription.equals("*") || subscription.equals(">")
                || subscription.startsWith("*.") || subscription.contains(".*.")
                || subscription.endsWith(".*") || subscription.endsWith(".>");
    }

    /**
     * Whether the valid subscription {@code pattern} matches the valid concrete {@code topic}.
     * Allocation-free.
     */
    public static boolean matches(String pattern, String topic) {
        int p = 0;
        int t = 0;
        int pl = pattern.length();
        int tl = topic.length();
        while (true) {
            int pEnd = segmentEnd(pattern, p);
            int pSeg = pEnd - p;
            if (pSeg == 1 && pEnd == pl && pattern.charAt(p) == '>') {
                return t <= tl; // '>' needs at least one remaining topic segment
            }
            if (t > tl) {
                return false; // the topic ran out of segments before the pattern did
            }
            int tEnd = segmentEnd(topic, t);
            boolean star = pSeg == 1 && pattern.charAt(p) == '*';
            if (!star && (pSeg != tEnd - t || !pattern.regionMatches(p, topic, t, pSeg))) {
                return false;
            }
            if (pEnd == pl) {
                return tEnd == tl;
            }
            p = pEnd + 1;
            t = tEnd + 1; // past the end when this was the topic's last segment
        }
    }

    private static int segmentEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }

    private static Optional<String> check(String value, boolean wildcardsAllowed) {
        if (value == null || value.isEmpty()) {
            return Optional.of("topic must not be empty");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            return Optional.of("topic is longer than " + MAX_LENGTH + " characters");
        }
        int segmentStart = 0;
        int length = value.length();
        for (int i = 0; i <= length; ) {
            if (i == length || value.charAt(i) == '.') {
                Optional<String> problem = checkSegment(value, segmentStart, i, i == length, wildcardsAllowed);
                if (problem.isPresent()) {
                    return problem;
                }
                segmentStart = i + 1;
                i++;
                continue;
            }
            int cp = value.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                return Optional.of("topic must not contain whitespace");
            }
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                return Optional.of("topic must not contain control characters");
            }
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    private static Optional<String> checkSegment(String value, int start, int end, boolean last, boolean wildcardsAllowed) {
        if (start == end) {
            return Optional.of("topic must not have an empty segment");
        }
        boolean exactlyOne = end - start == 1;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c != '*' && c != '>') {
                continue;
            }
            if (!wildcardsAllowed) {
                return Optional.of("wildcards '*' and '>' are only allowed in subscriptions");
            }
            if (!exactlyOne) {
                return Optional.of("'" + c + "' must be a whole segment");
            }
            if (c == '>' && !last) {
                return Optional.of("'>' is only allowed as the last segment");
            }
        }
        return Optional.empty();
    }
}
