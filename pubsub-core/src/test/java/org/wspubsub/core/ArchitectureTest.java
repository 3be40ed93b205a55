package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.internal.tyrus.TyrusTransportFactory;

/**
 * Keeps the package layout honest: only {@code internal.tyrus} knows Tyrus and Grizzly exist, and
 * dependencies point one way ({@code internal.tyrus} → {@code internal.endpoint} →
 * {@code internal.hub} → {@code internal.protocol}). A file's dependencies are what it imports
 * (static imports included) and the fully qualified names written in its code; comments and
 * string literals do not count.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/org/wspubsub/core");
    private static final String INTERNAL = "org.wspubsub.core.internal.";

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.\\*)?\\s*;", Pattern.MULTILINE);
    /** A dotted name of lower-case segments ending in a type's name: {@code org.example.Type}. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])((?:[a-z_][\\w]*\\s*\\.\\s*)+[A-Z]\\w*)");

    /** A rule: sources in {@code packagePrefix} refer to nothing under any of {@code forbidden}. */
    private record Rule(String packagePrefix, List<String> forbidden) {
    }

    private static final List<Rule> RULES = List.of(
            // only internal.tyrus refers to Tyrus and Grizzly
            new Rule("org.wspubsub.core", List.of("org.glassfish.")),
            // the endpoint runs in any Jakarta WebSocket container
            new Rule(INTERNAL + "endpoint", List.of(INTERNAL + "tyrus.")),
            // the hub delivers to its own Subscriber and bounds its waits through its own Timeouts
            new Rule(INTERNAL + "hub", List.of(INTERNAL + "endpoint.", INTERNAL + "tyrus.", INTERNAL + "host.",
                    "jakarta.websocket.")),
            new Rule(INTERNAL + "protocol", List.of(INTERNAL + "endpoint.", INTERNAL + "tyrus.", INTERNAL + "host.",
                    INTERNAL + "hub.", "jakarta.websocket.")));

    /** Packages a rule exempts from a forbidden prefix: only internal.tyrus may use Tyrus. */
    private static boolean exempt(String packageName, String forbidden) {
        return forbidden.equals("org.glassfish.") && isIn(packageName, INTERNAL + "tyrus");
    }

    @Test
    void dependenciesPointOneWayAndOnlyTheTyrusPackageKnowsTyrus() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(MAIN)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(20);
        List<String> violations = new ArrayList<>();
        for (Path source : sources) {
            String text = Files.readString(source);
            String packageName = packageOf(text);
            Set<String> references = references(text);
            for (Rule rule : RULES) {
                if (!isIn(packageName, rule.packagePrefix())) {
                    continue;
                }
                for (String forbidden : rule.forbidden()) {
                    if (exempt(packageName, forbidden)) {
                        continue;
                    }
                    references.stream().filter(r -> r.startsWith(forbidden))
                            .forEach(r -> violations.add(source.getFileName() + " (" + packageName + ") refers to " + r));
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void findsImportsStaticImportsAndQualifiedNamesButNotCommentsOrStrings() {
        String source = """
                package org.wspubsub.core.internal.hub;

                import java.util.List;
                import static org.wspubsub.core.internal.host.RequestThread.isCurrent;
                import org.glassfish.grizzly.*;

                /** Unlike {@link org.wspubsub.core.internal.endpoint.ClientConnection}, a comment. */
                final class Sample {
                    // org.wspubsub.core.internal.tyrus.StandaloneServer in a line comment
                    String text = "org.wspubsub.core.internal.tyrus.TyrusContainer in a string";
                    char quote = '"';
                    boolean inline = org.wspubsub.core.internal.host.RequestThread.isCurrent();
                    Object split = org.wspubsub.core.internal
                            .endpoint.OutboundQueue.class;
                    String block = \"""
                            jakarta.websocket.Session in a text block
                            \""";
                    int length = text.length();
                }
                """;

        assertThat(packageOf(source)).isEqualTo("org.wspubsub.core.internal.hub");
        assertThat(references(source)).containsExactlyInAnyOrder(
                "java.util.List",
                "org.wspubsub.core.internal.host.RequestThread.isCurrent",
                "org.glassfish.grizzly",
                "org.wspubsub.core.internal.host.RequestThread",
                "org.wspubsub.core.internal.endpoint.OutboundQueue");
    }

    @Test
    void rawFrameWritesStillWorkWithThisTyrusVersion() {
        assertThat(TyrusTransportFactory.rawWritesUnavailableBecause())
                .as("Tyrus internals used for batched raw writes changed: update RawFrameTransport").isNull();
        assertThat(TyrusTransportFactory.rawWritesAvailable()).isTrue();
        assertThat(TyrusTransportFactory.directWritesAvailable()).isTrue();
    }

    @Test
    void sessionsUseTheRawTransport() {
        try (WebSocketService service = org.wspubsub.core.testing.TestServers.builder().build().start();
             org.wspubsub.core.testing.TestClient client =
                     org.wspubsub.core.testing.TestClient.connect(org.wspubsub.core.testing.TestServers.uri(service))) {
            client.send(java.util.Map.of("type", "ping"));
            client.next("pong");
            assertThat(service.runtime().registry().snapshot())
                    .singleElement().satisfies(c -> {
                        assertThat(c.isRawTransport()).isTrue();
                        assertThat(c.transportPath()).isEqualTo("raw-direct");
                    });
        }
    }

    private static boolean isIn(String packageName, String prefix) {
        return packageName.equals(prefix) || packageName.startsWith(prefix + ".");
    }

    private static String packageOf(String source) {
        Matcher matcher = PACKAGE.matcher(withoutCommentsAndLiterals(source));
        return matcher.find() ? matcher.group(1) : "";
    }

    /** The names {@code source} imports, and the fully qualified names in its code. */
    static Set<String> references(String source) {
        String code = withoutCommentsAndLiterals(source);
        Set<String> names = new TreeSet<>();
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            names.add(imports.group(1));
        }
        String body = IMPORT.matcher(PACKAGE.matcher(code).replaceAll("")).replaceAll("");
        Matcher qualified = QUALIFIED.matcher(body);
        while (qualified.find()) {
            names.add(qualified.group(1).replaceAll("\\s", ""));
        }
        return names;
    }

    /**
     * {@code source} with comments, string literals, text blocks and character literals blanked
     * out (line breaks kept), so only code is left to scan.
     */
    static String withoutCommentsAndLiterals(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blankKeepingLines(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                out.append("\"\"");
                blankKeepingLines(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                out.append(c).append(c);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blankKeepingLines(String source, int from, int to, StringBuilder out) {
        for (int j = from; j < to; j++) {
            out.append(source.charAt(j) == '\n' ? '\n' : ' ');
        }
    }
}
