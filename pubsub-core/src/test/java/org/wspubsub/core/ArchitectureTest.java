package org.wspubsub.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wspubsub.core.internal.tyrus.TyrusTransportFactory;

/** Keeps the package layout honest: only internal.tyrus knows Tyrus and Grizzly exist. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/org/wspubsub/core");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void onlyTheTyrusPackageImportsGlassfish() throws IOException {
        List<Path> sources = sources();
        assertThat(sources).hasSizeGreaterThan(20);
        for (Path source : sources) {
            boolean tyrusPackage = source.toString().contains("/internal/tyrus/");
            boolean importsGlassfish = Files.readString(source).contains("import org.glassfish.");
            if (!tyrusPackage) {
                assertThat(importsGlassfish).as("%s imports org.glassfish", source).isFalse();
            }
        }
    }

    @Test
    void theHubNeverImportsTheEndpoint() throws IOException {
        for (Path source : sources()) {
            if (source.toString().contains("/internal/hub/") || source.toString().contains("/internal/protocol/")) {
                assertThat(Files.readString(source)).as("%s", source)
                        .doesNotContain("import org.wspubsub.core.internal.endpoint")
                        .doesNotContain("import jakarta.websocket");
            }
        }
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
}
