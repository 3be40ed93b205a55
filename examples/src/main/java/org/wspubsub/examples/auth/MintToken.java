package org.wspubsub.examples.auth;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.wspubsub.examples.ExampleConfig;

/**
 * Mints a development token on the command line:
 * {@code mvn -B -q -pl examples exec:java -Dexec.mainClass=org.wspubsub.examples.auth.MintToken -Dexec.args="alice admin 1,2" | grep -o "eyJ[A-Za-z0-9._-]*"}
 * (arguments: user, comma-separated roles, comma-separated rooms; keyed with {@code JWT_SECRET} or
 * the development secret). Prints only the token.
 */
public final class MintToken {

    private MintToken() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: MintToken <user> [roles,comma,separated] [rooms,comma,separated] [hours]");
            System.exit(2);
        }
        ExampleConfig config = ExampleConfig.fromEnvironment(System.getenv());
        List<String> roles = args.length > 1 ? split(args[1]) : List.of();
        List<String> rooms = args.length > 2 ? split(args[2]) : List.of();
        Duration lifetime = Duration.ofHours(args.length > 3 ? Long.parseLong(args[3]) : 12);
        System.out.println(new JwtTokens(config.jwtSecret()).mint(args[0], roles, rooms, lifetime));
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
