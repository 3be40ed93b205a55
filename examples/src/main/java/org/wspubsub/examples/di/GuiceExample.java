package org.wspubsub.examples.di;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.slf4j.Logger;
import org.wspubsub.adapter.inmemory.InMemoryAdapter;
import org.slf4j.LoggerFactory;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.examples.service.NotificationService;

/**
 * The same business service wired with Guice instead of by hand:
 * {@code mvn -q -pl examples exec:java -Dexec.mainClass=org.wspubsub.examples.di.GuiceExample}.
 * Starts a node on a free port, injects {@link NotificationService}, broadcasts once and stops.
 */
public final class GuiceExample {

    private static final Logger log = LoggerFactory.getLogger(GuiceExample.class);

    private GuiceExample() {
    }

    public static void main(String[] args) {
        try (WebSocketService service = WebSocketService.builder().host("127.0.0.1").port(0)
                .adapter(InMemoryAdapter.create()).build().start()) {
            Injector injector = Guice.createInjector(new ExampleModule(service));
            NotificationService notifications = injector.getInstance(NotificationService.class);
            notifications.broadcast("hello from a Guice-injected NotificationService").toCompletableFuture().join();
            log.info("published through the injected service on port {}", service.port());
        }
    }
}
