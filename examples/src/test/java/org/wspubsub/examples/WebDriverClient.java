package org.wspubsub.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Just enough of the W3C WebDriver protocol, spoken over HTTP to a chromedriver process of its
 * own, to drive headless Chromium in a test: open a page, type, click, read text, run a script,
 * take a screenshot. Not thread-safe.
 */
final class WebDriverClient implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Process driver;
    private final String base;
    private final String session;

    private WebDriverClient(Process driver, String base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Returns when Chromium and chromedriver are installed; otherwise fails the calling test when the
     * environment says it is CI ({@code CI} set, as CI services do, and not {@code false}), where a
     * missing browser is a broken build, or skips it on a developer's machine.
     */
    static void requireInstalled(Map<String, String> environment) {
        requireInstalled(environment, available());
    }

    static void requireInstalled(Map<String, String> environment, boolean installed) {
        if (installed) {
            return;
        }
        String missing = "Chromium and chromedriver are not installed at " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)";
        String ci = environment.get("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            Assertions.fail(missing + "; CI is set (CI=" + ci + "), so the browser test may not skip");
        }
        Assumptions.abort(missing + "; skipped because CI is not set");
    }

    static WebDriverClient start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient probe = HttpClient.newHttpClient();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> JSON.readTree(
                    probe.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                            HttpResponse.BodyHandlers.ofString()).body()).path("value").path("ready").asBoolean());
        } catch (RuntimeException notReady) {
            driver.destroyForcibly();
            throw new IllegalStateException("chromedriver did not become ready", notReady);
        }
        Path profile = Files.createTempDirectory("wspubsub-chromium-");
        Map<String, Object> capabilities = Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome",
                "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", List.of(
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile)))));
        WebDriverClient partial = new WebDriverClient(driver, base, null);
        JsonNode created = partial.call("POST", "/session", capabilities);
        return new WebDriverClient(driver, base, created.path("value").path("sessionId").asText());
    }

    private JsonNode call(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed: " + json.path("value"));
        }
        return json;
    }

    private String s(String path) {
        return "/session/" + session + path;
    }

    void open(String url) throws Exception {
        call("POST", s("/url"), Map.of("url", url));
    }

    String element(String css) throws Exception {
        JsonNode found = call("POST", s("/element"), Map.of("using", "css selector", "value", css));
        String id = found.path("value").path(ELEMENT).asText();
        if (id.isEmpty()) {
            throw new IllegalStateException("no element " + css + ": " + found);
        }
        return id;
    }

    void type(String css, String text) throws Exception {
        String id = element(css);
        call("POST", s("/element/" + id + "/clear"), Map.of());
        call("POST", s("/element/" + id + "/value"), Map.of("text", text));
    }

    void click(String css) throws Exception {
        call("POST", s("/element/" + element(css) + "/click"), Map.of());
    }

    /** Runs a script in the page (its arguments are {@code arguments[0]}, …) and returns its result as text. */
    String script(String script, Object... args) throws Exception {
        return call("POST", s("/execute/sync"), Map.of("script", script, "args", List.of(args))).path("value").asText();
    }

    void screenshot(Path file) throws Exception {
        String png = call("GET", s("/screenshot"), null).path("value").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", s(""), null);
            }
        } catch (Exception ignored) {
            // the browser is going away anyway
        } finally {
            driver.destroy();
        }
    }
}
