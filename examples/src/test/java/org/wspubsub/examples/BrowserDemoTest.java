package org.wspubsub.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser demo in real headless Chromium: mint a token, connect (with permessage-deflate,
 * which Chromium offers), receive a compressed message sent through {@code POST /publish}, and
 * see a denied topic's error. On a machine without Chromium it is skipped, with the reason, unless
 * {@code CI} is set: CI installs Chromium, so there its absence fails the test.
 */
class BrowserDemoTest {

    private ExampleServer.Running running;
    private WebDriverClient browser;

    @BeforeEach
    void start() throws Exception {
        WebDriverClient.requireInstalled(System.getenv());
        running = ExampleServer.start(ExampleConfig.fromEnvironment(Map.of("PORT", "0")));
        browser = WebDriverClient.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (running != null) {
            running.stop();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + running.service().port();
    }

    private String text(String css) throws Exception {
        return browser.script("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css);
    }

    @Test
    void showsAMessagePublishedOverHttpAndADeniedTopicsError() throws Exception {
        browser.open(base() + "/");
        browser.type("#mint-user", "alice");
        browser.type("#mint-roles", "");
        browser.type("#mint-rooms", "1");
        browser.click("#mint");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.script(
                "return document.querySelector('#token').value").length() > 20);

        browser.click("#connect");
        await().atMost(Duration.ofSeconds(10)).until(() -> text("#state").startsWith("connected"));
        assertThat(text("#user")).contains("alice");
        assertThat(text("#compression")).isEqualTo("permessage-deflate"); // Chromium negotiated our bounded deflate
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.script(
                "return [...document.querySelectorAll('#subscriptions li')].map(l => l.textContent).join(',')")
                .contains("user.alice.notifications"));

        String admin = running.tokens().mint("ops", List.of("admin"), List.of(), Duration.ofMinutes(5));
        HttpResponse<String> published = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(base() + "/publish")).header("Authorization", "Bearer " + admin)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"user.alice.notifications\",\"message\":"
                                + "{\"type\":\"notification\",\"data\":{\"title\":\"Build finished\",\"body\":\""
                                + "all green ".repeat(30) + "\"}}}")) // long enough to be sent compressed
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> text("#messages li.message[data-type='notification']")
                .contains("Build finished"));

        browser.type("#topic", "admin.audit");
        browser.click("#subscribe");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.script(
                "return document.querySelectorAll(arguments[0]).length",
                "#errors li.error[data-code='forbidden'][data-topic='admin.audit']").equals("1"));
        browser.screenshot(Path.of("target", "browser-demo.png"));
    }
}
