package org.wspubsub.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import org.junit.jupiter.api.Test;
import org.wspubsub.adapter.inmemory.InMemoryAdapter;
import org.wspubsub.core.WebSocketService;
import org.wspubsub.core.testing.TestClient;
import org.wspubsub.core.testing.TestServers;
import org.wspubsub.examples.di.ExampleModule;
import org.wspubsub.examples.service.NotificationService;

class GuiceWiringTest {

    @Test
    void injectsTheServiceIntoBusinessServices() throws Exception {
        // explicit adapter: with the Redis module on this class path, ServiceLoader would pick Redis
        try (WebSocketService service = TestServers.builder().adapter(InMemoryAdapter.create()).build().start();
             TestClient client = TestClient.subscriber(service, "system.announcements")) {
            NotificationService notifications = Guice.createInjector(new ExampleModule(service))
                    .getInstance(NotificationService.class);
            notifications.broadcast("injected").toCompletableFuture().get();
            assertThat(client.next("system_broadcast").path("data").path("text").asText()).isEqualTo("injected");
        }
    }
}
