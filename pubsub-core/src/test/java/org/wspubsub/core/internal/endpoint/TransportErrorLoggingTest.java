package org.wspubsub.core.internal.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.websocket.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.ServiceInternals;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * An error the container reports for an open connection is logged at WARN, with its stack trace,
 * unless it is an I/O error (a peer that left), which stays at DEBUG.
 */
class TransportErrorLoggingTest {

    @Test
    void logsErrorsThatAreNotIoErrorsAtWarnAndIoErrorsAtDebug() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        try (WebSocketService service = TestServers.builder().build().start();
             TestClient client = TestClient.connect(TestServers.uri(service))) {
            await().until(() -> service.connectionCount() == 1);
            Session session = ServiceInternals.runtime(service).registry().snapshot().iterator().next().session();
            // the service's endpoint, as the container calls it for that session
            PubSubEndpoint endpoint = ServiceInternals.newEndpoint(service, new HandshakeHandOff());

            endpoint.onError(session, new IllegalStateException("marker-not-io"));
            endpoint.onError(session, new RuntimeException("wrapped", new IOException("marker-io")));

            client.send(Map.of("type", "ping"));
            client.next("pong");
        } finally {
            System.setErr(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).filteredOn(l -> l.contains("transport error (not an I/O error)"))
                .singleElement().asString().contains("WARN");
        assertThat(lines).anyMatch(l -> l.contains("java.lang.IllegalStateException: marker-not-io"));
        assertThat(lines).filteredOn(l -> l.contains("transport error: java.lang.RuntimeException: wrapped"))
                .singleElement().asString().contains("DEBUG");
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
