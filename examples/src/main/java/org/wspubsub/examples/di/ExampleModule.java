package org.wspubsub.examples.di;

import com.google.inject.AbstractModule;
import org.wspubsub.api.IWebSocketService;
import org.wspubsub.core.WebSocketService;

/**
 * Guice wiring: binds {@link IWebSocketService} to a started {@link WebSocketService}, so business
 * services such as {@link org.wspubsub.examples.service.NotificationService} get it by constructor
 * injection. The application starts and stops the service (its lifecycle is the application's),
 * then builds the injector.
 */
public final class ExampleModule extends AbstractModule {

    private final WebSocketService service;

    public ExampleModule(WebSocketService service) {
        this.service = service;
    }

    @Override
    protected void configure() {
        bind(IWebSocketService.class).toInstance(service);
    }
}
