package org.wspubsub.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.Topics;
import org.wspubsub.examples.auth.AccessRules;
import org.wspubsub.examples.auth.JwtTokens;

/**
 * A wildcard subscription can never deliver a topic its subscriber may not subscribe to directly:
 * over many random patterns and topics, whenever the example's authorizer grants a pattern, it also
 * grants every concrete topic the pattern matches. A naive prefix check fails the same property,
 * which shows the test can fail.
 */
class WildcardAuthorizationTest {

    private static final String[] SEGMENTS = {"user", "room", "admin", "public", "system", "alice", "bob", "1", "2",
            "notifications", "messages", "typing", "*", ">"};
    private static final ConnectionContext ALICE = new ConnectionContext("alice", Set.of(),
            Map.of(JwtTokens.ROOMS, List.of("1")));

    private static String random(Random random, boolean wildcards) {
        int length = 1 + random.nextInt(4);
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            String segment;
            do {
                segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
            } while (!wildcards && (segment.equals("*") || segment.equals(">"))
                    || segment.equals(">") && i < length - 1);
            segments.add(segment);
        }
        return String.join(".", segments);
    }

    private static long leaks(java.util.function.BiPredicate<String, ConnectionContext> mayRead) {
        Random random = new Random(42);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            topics.add(random(random, false));
        }
        long leaks = 0;
        for (int i = 0; i < 5_000; i++) {
            String pattern = random(random, true);
            if (Topics.checkPattern(pattern).isPresent() || !mayRead.test(pattern, ALICE)) {
                continue;
            }
            for (String topic : topics) {
                if (Topics.matches(pattern, topic) && !mayRead.test(topic, ALICE)) {
                    leaks++;
                }
            }
        }
        return leaks;
    }

    @Test
    void theExampleAuthorizerNeverGrantsAPatternThatCoversAForbiddenTopic() {
        assertThat(leaks(AccessRules::maySubscribe)).isZero();
    }

    @Test
    void aNaivePrefixAuthorizerWouldLeak() {
        java.util.function.BiPredicate<String, ConnectionContext> naive = (pattern, context) ->
                !pattern.startsWith("admin") && !pattern.startsWith("user.bob") && !pattern.startsWith("room.2");
        assertThat(leaks(naive)).isPositive();
    }
}
