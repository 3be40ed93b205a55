package org.wspubsub.examples.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wspubsub.api.ConnectionContext;

/**
 * HS256 JSON Web Tokens keyed with the UTF-8 bytes of a secret: verification into a
 * {@link ConnectionContext} ({@code sub} → user id, {@code roles} → roles, {@code rooms} → the
 * metadata entry {@code rooms}), and minting for development. Expired, unsigned ({@code alg: none})
 * or badly signed tokens, and tokens without {@code sub}, are refused. Thread-safe.
 */
public final class JwtTokens {

    /** The metadata key under which a context carries the user's rooms (a {@code List<String>}). */
    public static final String ROOMS = "rooms";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;

    public JwtTokens(String secret) {
        this.algorithm = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
        this.verifier = JWT.require(algorithm).build();
    }

    /** The context of a valid token, or empty for any invalid one. Never throws for bad input. */
    public Optional<ConnectionContext> verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            String subject = jwt.getSubject();
            if (subject == null || subject.isBlank()) {
                return Optional.empty();
            }
            List<String> roles = listClaim(jwt, "roles");
            List<String> rooms = listClaim(jwt, ROOMS);
            return Optional.of(new ConnectionContext(subject, Set.copyOf(roles), Map.of(ROOMS, List.copyOf(rooms))));
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<String> listClaim(DecodedJWT jwt, String name) {
        List<String> values = jwt.getClaim(name).asList(String.class);
        return values == null ? List.of() : values;
    }

    /** A signed token for {@code subject}, valid for {@code lifetime}. */
    public String mint(String subject, List<String> roles, List<String> rooms, Duration lifetime) {
        Instant now = Instant.now();
        return JWT.create()
                .withSubject(subject)
                .withClaim("roles", roles)
                .withClaim(ROOMS, rooms)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(lifetime))
                .sign(algorithm);
    }

    /** The rooms a context's user belongs to. */
    @SuppressWarnings("unchecked")
    public static List<String> rooms(ConnectionContext context) {
        Object rooms = context.metadata().get(ROOMS);
        return rooms instanceof List<?> list ? (List<String>) list : List.of();
    }
}
