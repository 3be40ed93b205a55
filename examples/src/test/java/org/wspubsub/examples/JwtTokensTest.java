package org.wspubsub.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wspubsub.api.ConnectionContext;
import org.wspubsub.examples.auth.JwtTokens;

class JwtTokensTest {

    private final JwtTokens tokens = new JwtTokens("secret-for-tests");

    @Test
    void turnsAValidTokenIntoAContext() {
        ConnectionContext context = tokens.verify(tokens.mint("alice", List.of("admin"), List.of("1", "2"),
                Duration.ofMinutes(5))).orElseThrow();
        assertThat(context.userId()).isEqualTo("alice");
        assertThat(context.roles()).containsExactly("admin");
        assertThat(JwtTokens.rooms(context)).containsExactly("1", "2");
    }

    @Test
    void refusesExpiredTokens() {
        String expired = JWT.create().withSubject("alice").withExpiresAt(Instant.now().minusSeconds(60))
                .sign(Algorithm.HMAC256("secret-for-tests".getBytes(StandardCharsets.UTF_8)));
        assertThat(tokens.verify(expired)).isEmpty();
    }

    @Test
    void refusesUnsignedTokens() {
        String unsigned = JWT.create().withSubject("alice").sign(Algorithm.none());
        assertThat(tokens.verify(unsigned)).isEmpty();
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"sub\":\"alice\",\"roles\":[\"admin\"]}".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(header + "." + payload + ".")).isEmpty();
    }

    @Test
    void refusesTokensSignedWithAnotherSecret() {
        String forged = new JwtTokens("another-secret").mint("alice", List.of("admin"), List.of(), Duration.ofMinutes(5));
        assertThat(tokens.verify(forged)).isEmpty();
    }

    @Test
    void refusesGarbageAndTokensWithoutSubject() {
        assertThat(tokens.verify("not-a-jwt")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        String noSubject = JWT.create().withClaim("roles", List.of("admin"))
                .sign(Algorithm.HMAC256("secret-for-tests".getBytes(StandardCharsets.UTF_8)));
        assertThat(tokens.verify(noSubject)).isEmpty();
    }
}
