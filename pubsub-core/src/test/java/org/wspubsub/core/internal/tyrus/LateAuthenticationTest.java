package org.wspubsub.core.internal.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.RawWebSocket;
import org.wspubsub.core.testing.RecordingMetrics;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * A handshake whose asynchronous authentication completes after the client left registers nothing:
 * no entry that counts against {@code maxConnections} or the per-address limit, and no
 * {@code onConnection} (so no {@code onDisconnect} either).
 */
class LateAuthenticationTest {

    @Test
    void registersNothingWhenTheClientLeftBeforeTheAuthenticatorAnswered() throws Exception {
        BlockingQueue<CompletableFuture<Optional<ConnectionContext>>> pending = new LinkedBlockingQueue<>();
        RecordingMetrics metrics = new RecordingMetrics();
        try (WebSocketService service = TestServers.builder().maxConnections(1).maxConnectionsPerAddress(1)
                .metrics(metrics)
                .authenticator((token, request) -> {
                    CompletableFuture<Optional<ConnectionContext>> answer = new CompletableFuture<>();
                    if (token.equals("late")) {
                        pending.add(answer);
                    } else {
                        answer.complete(Optional.of(ConnectionContext.of(token)));
                    }
                    return answer;
                }).build().start()) {
            CompletableFuture<Optional<ConnectionContext>> late;
            try (Socket leaving = new Socket("127.0.0.1", service.port())) {
                leaving.getOutputStream().write(("GET /ws?token=late HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                late = pending.poll(10, TimeUnit.SECONDS);
                assertThat(late).as("the authenticator was asked").isNotNull();
            }
            long abandoned = TyrusUpgrader.abandonedSoFar();

            late.complete(Optional.of(ConnectionContext.of("ghost")));

            // the server is done with the late handshake: it gave it up, or (the bug) opened a connection for it
            await().until(() -> TyrusUpgrader.abandonedSoFar() > abandoned || metrics.has("connect"));
            assertThat(metrics.snapshot()).doesNotContain("connect", "authSuccess:ghost");
            assertThat(service.connectionCount()).isZero();
            try (TestClient next = TestClient.connect(TestServers.uri(service, "token=alice"))) {
                assertThat(next.next("auth.success").path("userId").asText()).isEqualTo("alice");
                next.send(Map.of("type", "ping"));
                next.next("pong");
            }
            await().until(() -> metrics.has("disconnect:1000") || metrics.has("disconnect:1006"));
            assertThat(metrics.snapshot()).filteredOn(e -> e.startsWith("authSuccess")).containsExactly("authSuccess:alice");
            assertThat(metrics.snapshot()).filteredOn(e -> e.startsWith("connect")).hasSize(1);
            assertThat(metrics.snapshot()).filteredOn(e -> e.startsWith("disconnect")).hasSize(1);
        }
    }

    @Test
    void handsFramesSentWhileTheAuthenticatorDecidedToTheConnection() throws Exception {
        BlockingQueue<CompletableFuture<Optional<ConnectionContext>>> pending = new LinkedBlockingQueue<>();
        try (WebSocketService service = TestServers.builder()
                .authenticator((token, request) -> {
                    CompletableFuture<Optional<ConnectionContext>> answer = new CompletableFuture<>();
                    pending.add(answer);
                    return answer;
                }).build().start();
             Socket client = new Socket("127.0.0.1", service.port())) {
            client.setSoTimeout(10_000);
            client.getOutputStream().write(("GET /ws?token=t HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Optional<ConnectionContext>> answer = pending.poll(10, TimeUnit.SECONDS);
            assertThat(answer).as("the authenticator was asked").isNotNull();
            // sent before the 101, while the request's processing is suspended
            client.getOutputStream().write(RawWebSocket.frameBytes(0x81,
                    "{\"type\":\"ping\",\"id\":1}".getBytes(StandardCharsets.UTF_8), true));

            answer.complete(Optional.of(ConnectionContext.of("alice")));

            DataInputStream in = new DataInputStream(client.getInputStream());
            assertThat(readHeaders(in)).startsWith("HTTP/1.1 101");
            assertThat(readTextFrame(in)).contains("\"auth.success\"");
            assertThat(readTextFrame(in)).contains("\"pong\"").contains("\"id\":1");
        }
    }

    private static String readHeaders(DataInputStream in) throws java.io.IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            headers.append((char) in.readUnsignedByte());
        }
        return headers.toString();
    }

    /** The text of the next server frame (unmasked, shorter than 64 KiB). */
    private static String readTextFrame(DataInputStream in) throws java.io.IOException {
        int opcode = in.readUnsignedByte() & 0x0F;
        int length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        assertThat(opcode).isEqualTo(1);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
