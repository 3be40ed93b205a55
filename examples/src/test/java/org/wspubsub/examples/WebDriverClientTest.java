package org.wspubsub.examples;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The browser test may skip for a missing Chromium on a developer's machine, never on CI. */
class WebDriverClientTest {

    @Test
    void failsLoudlyWithoutChromiumWhenCiIsSet() {
        assertThatThrownBy(() -> WebDriverClient.requireInstalled(Map.of("CI", "true"), false))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("apt-get install chromium chromium-driver")
                .hasMessageContaining("CI is set");
    }

    @Test
    void skipsWithoutChromiumWhenCiIsNotSet() {
        assertThatThrownBy(() -> WebDriverClient.requireInstalled(Map.of(), false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("apt-get install chromium chromium-driver");
        assertThatThrownBy(() -> WebDriverClient.requireInstalled(Map.of("CI", "false"), false))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void runsWhenChromiumIsInstalled() {
        assertThatCode(() -> WebDriverClient.requireInstalled(Map.of("CI", "true"), true)).doesNotThrowAnyException();
        assertThatCode(() -> WebDriverClient.requireInstalled(Map.of(), true)).doesNotThrowAnyException();
    }
}
