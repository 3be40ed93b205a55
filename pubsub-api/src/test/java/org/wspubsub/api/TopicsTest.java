package org.wspubsub.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
            "a,                 a,                 true",
            "a,                 b,                 false",
            "a.b,               a.b,               true",
            "a.b,               a.bc,              false",
            "a.b,               a,                 false",
            "a,                 a.b,               false",
            "*,                 a,                 true",
            "*,                 a.b,               false",
            "a.*,               a.b,               true",
            "a.*,               a,                 false",
            "a.*,               a.b.c,             false",
            "*.b,               a.b,               true",
            "*.b,               a.c,               false",
            "room.*.messages,   room.7.messages,   true",
            "room.*.messages,   room.7.typing,     false",
            "room.*.messages,   room.7.x.messages, false",
            "room.*.messages,   room.messages,     false",
            "*.*,               a.b,               true",
            "*.*,               a.b.c,             false",
            ">,                 a,                 true",
            ">,                 a.b.c,             true",
            "room.>,            room,              false",
            "room.>,            room.7,            true",
            "room.>,            room.7.messages,   true",
            "room.>,            rooms.7,           false",
            "room.>,            roo.7,             false",
            "*.>,               a.b,               true",
            "*.>,               a,                 false",
            "room.*.>,          room.7.a.b,        true",
            "room.*.>,          room.7,            false",
            "user.42.notifications, user.42.notifications, true",
            "user.42.notifications, user.4.notifications,  false",
    })
    void matchesTopicsAgainstPatterns(String pattern, String topic, boolean expected) {
        assertThat(Topics.checkPattern(pattern)).isEmpty();
        assertThat(Topics.checkTopic(topic)).isEmpty();
        assertThat(Topics.matches(pattern, topic)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "a.", ".a", "a..b", "a b", "a\tb", "a\u00a0b", "a\u2003b", "a\u0001b",
            "user.4*", "a.>.b", "a.*b", "a>", "**", ">>"})
    void rejectsInvalidPatterns(String pattern) {
        assertThat(Topics.checkPattern(pattern)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.*", "a.>", "*", ">", "a.b.c", "user-42.notifications_x"})
    void rejectsWildcardsInConcreteTopics(String topic) {
        boolean hasWildcard = topic.contains("*") || topic.contains(">");
        assertThat(Topics.checkTopic(topic).isPresent()).isEqualTo(hasWildcard);
    }

    @org.junit.jupiter.api.Test
    void limitsLengthTo255Characters() {
        assertThat(Topics.checkTopic("a".repeat(255))).isEmpty();
        assertThat(Topics.checkTopic("a".repeat(256))).isPresent();
        assertThat(Topics.checkTopic("\uD83D\uDE00".repeat(255))).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void tellsPatternsFromTopics() {
        assertThat(Topics.isPattern("a.*")).isTrue();
        assertThat(Topics.isPattern("*.a")).isTrue();
        assertThat(Topics.isPattern("a.*.b")).isTrue();
        assertThat(Topics.isPattern("a.>")).isTrue();
        assertThat(Topics.isPattern(">")).isTrue();
        assertThat(Topics.isPattern("a.b")).isFalse();
    }
}
