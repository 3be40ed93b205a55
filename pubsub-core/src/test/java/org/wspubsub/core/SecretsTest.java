package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.core.testing.RecordingMetrics;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/** Tokens never show up in logs (at DEBUG), error frames or metrics, whichever way they travel. */
class SecretsTest {

    private static final String GOOD = "good-SECRET-4f9a2c";
    private static final String BAD = "bad-SECRET-77e1d0";
    private static final String BOOM = "boom-SECRET-0c3b11";

    @Test
    void neverLogsOrEchoesATokenFromTheQueryTheHeaderOrTheAuthFrame() throws Exception {
        assertThat(LoggerFactory.getLogger(WebSocketService.class).isDebugEnabled())
                .as("this test needs DEBUG logging (simplelogger.properties)").isTrue();
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        RecordingMetrics metrics = new RecordingMetrics();
        StringBuilder frames = new StringBuilder();
        try (WebSocketService service = TestServers.builder().metrics(metrics)
                .authenticator((token, request) -> {
                    if (token.equals(BOOM)) {
                        throw new IllegalStateException("could not verify " + token); // a careless host
                    }
                    return CompletableFuture.completedFuture(token.equals(GOOD)
                            ? Optional.of(ConnectionContext.of("alice")) : Optional.empty());
                }).build().start()) {
            for (String token : List.of(BAD, BOOM)) {
                assertThat(TestClient.handshakeStatus(TestServers.uri(service, "token=" + token), Map.of())).isEqualTo(401);
                assertThat(TestClient.handshakeStatus(TestServers.uri(service), Map.of("Authorization", "Bearer " + token)))
                        .isEqualTo(401);
                try (TestClient client = TestClient.connect(TestServers.uri(service))) {
                    client.send(Map.of("type", "auth", "token", token));
                    frames.append(client.next("error"));
                    client.awaitClose();
                }
            }
            try (TestClient client = TestClient.connect(TestServers.uri(service, "token=" + GOOD))) {
                frames.append(client.next("auth.success"));
                client.send(Map.of("type", "subscribe", "topics", List.of("a")));
                frames.append(client.next("subscribed"));
            }
        } finally {
            System.setErr(original);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("something was logged at all").contains("authentication failed");
        for (String secret : List.of(GOOD, BAD, BOOM, "SECRET")) {
            assertThat(logs).as("logs").doesNotContain(secret);
            assertThat(frames.toString()).as("frames").doesNotContain(secret);
            assertThat(String.join(",", metrics.snapshot())).as("metrics").doesNotContain(secret);
        }
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            synchronized (b) {
                b.write(bytes, off, len);
            }
        }
    }
}
