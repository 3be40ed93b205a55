package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A repeated value comes back as the same instance; every value comes back as its own text. */
class RepeatedHeaderValuesTest {

    private final RepeatedHeaderValues values = new RepeatedHeaderValues();

    @Test
    void sharesARepeatedLatin1ValueAndDecodesEveryOtherOne() {
        String first = text("Mozilla/5.0 (X11; Linux x86_64) caf\u00e9", StandardCharsets.ISO_8859_1);
        String again = text("Mozilla/5.0 (X11; Linux x86_64) caf\u00e9", StandardCharsets.ISO_8859_1);
        String other = text("curl/8.5.0", StandardCharsets.ISO_8859_1);
        assertThat(first).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) caf\u00e9").isSameAs(again);
        assertThat(other).isEqualTo("curl/8.5.0");
        assertThat(text("curl/8.5.0", StandardCharsets.ISO_8859_1)).isSameAs(other);
    }

    @Test
    void keepsTwoValuesOfTheSameSetAndPushesOutTheOneLeastRecentlyUsed() {
        String host = "127.0.0.1:38827";
        String upgrade = "Upgrade";
        assertThat(setOf(host)).isEqualTo(setOf(upgrade));
        String third = java.util.stream.IntStream.range(0, 100_000).mapToObj(i -> "host-" + i)
                .filter(v -> setOf(v) == setOf(host)).findFirst().orElseThrow();

        String hostText = text(host, StandardCharsets.ISO_8859_1);
        String upgradeText = text(upgrade, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 3; i++) {
            assertThat(text(host, StandardCharsets.ISO_8859_1)).isSameAs(hostText);
            assertThat(text(upgrade, StandardCharsets.ISO_8859_1)).isSameAs(upgradeText);
        }
        assertThat(text(host, StandardCharsets.ISO_8859_1)).isSameAs(hostText);
        String thirdText = text(third, StandardCharsets.ISO_8859_1);

        assertThat(text(host, StandardCharsets.ISO_8859_1)).isSameAs(hostText);
        assertThat(text(third, StandardCharsets.ISO_8859_1)).isSameAs(thirdText);
        assertThat(text(upgrade, StandardCharsets.ISO_8859_1)).isEqualTo(upgrade).isNotSameAs(upgradeText);
    }

    @Test
    void aValueThatTakesAnotherOnesSlotIsStillItsOwnText() {
        // more distinct values than slots: each lands somewhere already taken, and must come back right
        for (int i = 0; i < 2_000; i++) {
            String value = "host-" + i + ":8080";
            assertThat(text(value, StandardCharsets.ISO_8859_1)).isEqualTo(value);
        }
    }

    @Test
    void sharesEqualValuesInOtherCharsetsAfterDecodingThem() {
        String first = text("\u00fcber", StandardCharsets.UTF_8);
        assertThat(first).isEqualTo("\u00fcber");
        assertThat(text("\u00fcber", StandardCharsets.UTF_8)).isSameAs(first);
    }

    @Test
    void decodesVeryLongValuesWithoutSharingThem() {
        String longValue = "x".repeat(600);
        String first = text(longValue, StandardCharsets.ISO_8859_1);
        assertThat(first).isEqualTo(longValue);
        assertThat(text(longValue, StandardCharsets.ISO_8859_1)).isEqualTo(longValue).isNotSameAs(first);
    }

    private static int setOf(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        return RepeatedHeaderValues.setOf(bytes, 0, bytes.length);
    }

    /** Decodes {@code value}'s bytes from the middle of a larger buffer, as Grizzly hands them over. */
    private String text(String value, Charset charset) {
        byte[] encoded = value.getBytes(charset);
        byte[] buffer = new byte[encoded.length + 10];
        System.arraycopy(encoded, 0, buffer, 5, encoded.length);
        return values.text(buffer, 5, encoded.length, charset);
    }
}
