package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.api.HandshakeRequest;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;

/**
 * No credential outlives the handshake: once a connection is authenticated, the upgrade request it
 * keeps (which the authenticator sees again for an {@code auth} frame) has no {@code Authorization}
 * or {@code Cookie} header and no {@code token} query parameter, unless the host keeps a header.
 */
class HandshakeCredentialsTest {

    private final BlockingQueue<HandshakeRequest> seen = new LinkedBlockingQueue<>();

    private WebSocketServiceBuilder recordingBuilder() {
        return TestServers.builder().authenticator((token, request) -> {
            seen.add(request);
            return CompletableFuture.completedFuture(Optional.of(ConnectionContext.of("alice")));
        });
    }

    /** Connects with credentials in the query, the Authorization header and a cookie, then refreshes; the refresh's request. */
    private HandshakeRequest requestSeenOnRefresh(WebSocketService service) throws InterruptedException {
        try (TestClient client = TestClient.connect(TestServers.uri(service, "token=t-query&room=5"),
                Map.of("Authorization", "Bearer t-header", "Cookie", "sid=s-cookie", "X-Tenant", "blue"))) {
            client.next("auth.success");
            HandshakeRequest atHandshake = seen.poll(10, TimeUnit.SECONDS);
            assertThat(atHandshake.queryParameter("token")).contains("t-query");
            assertThat(atHandshake.header("authorization")).contains("Bearer t-header");
            assertThat(atHandshake.header("cookie")).contains("sid=s-cookie");

            client.send(Map.of("type", "auth", "id", 2, "token", "t-refresh"));
            assertThat(client.next("auth.success").path("id").asInt()).isEqualTo(2);
            return seen.poll(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void dropsTheCredentialsOfTheHandshakeOnceAuthenticated() throws Exception {
        try (WebSocketService service = recordingBuilder().build().start()) {
            HandshakeRequest later = requestSeenOnRefresh(service);

            assertThat(later.queryParameter("token")).isEmpty();
            assertThat(later.header("authorization")).isEmpty();
            assertThat(later.header("cookie")).isEmpty();
            assertThat(later.headers()).doesNotContainKeys("authorization", "cookie");
            assertThat(later.queryParameters()).doesNotContainKey("token");
            assertThat(later.headers().toString() + later.queryParameters())
                    .doesNotContain("t-query", "t-header", "s-cookie");
            // everything else is still there
            assertThat(later.queryParameter("room")).contains("5");
            assertThat(later.header("x-tenant")).contains("blue");
            assertThat(later.path()).isEqualTo("/ws");
        }
    }

    @Test
    void keepsTheCredentialHeadersTheHostNames() throws Exception {
        try (WebSocketService service = recordingBuilder().keepHandshakeHeaders("Cookie").build().start()) {
            HandshakeRequest later = requestSeenOnRefresh(service);

            assertThat(later.header("cookie")).contains("sid=s-cookie");
            assertThat(later.header("authorization")).isEmpty();
            assertThat(later.queryParameter("token")).isEmpty();
        }
    }

    @Test
    void rejectsKeepingAHeaderThatIsNotACredential() {
        assertThatThrownBy(() -> TestServers.builder().keepHandshakeHeaders("X-Api-Key").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("keepHandshakeHeaders").hasMessageContaining("Authorization and Cookie");
        assertThatThrownBy(() -> TestServers.builder().keepHandshakeHeaders((String) null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("keepHandshakeHeaders");
    }
}
