package org.wspubsub.core;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerAdapterProvider;

/**
 * Picks the adapter of a service built without one: the single non-fallback
 * {@link BrokerAdapterProvider} on the class path, else the fallback (in-memory); two or more
 * candidates is an error that names them. Stateless.
 */
final class AdapterResolver {

    private AdapterResolver() {
    }

    static BrokerAdapter resolve(ClassLoader loader) {
        List<BrokerAdapterProvider> regular = new ArrayList<>();
        List<BrokerAdapterProvider> fallbacks = new ArrayList<>();
        for (BrokerAdapterProvider provider : ServiceLoader.load(BrokerAdapterProvider.class, loader)) {
            (provider.isFallback() ? fallbacks : regular).add(provider);
        }
        if (regular.size() > 1) {
            List<String> names = regular.stream().map(BrokerAdapterProvider::name).toList();
            throw new IllegalStateException("several broker adapters are on the class path " + names
                    + "; choose one with WebSocketService.builder().adapter(...)");
        }
        if (regular.size() == 1) {
            return regular.get(0).create();
        }
        if (fallbacks.isEmpty()) {
            throw new IllegalStateException("no broker adapter found; add pubsub-adapter-inmemory or pass one with "
                    + "WebSocketService.builder().adapter(...)");
        }
        return fallbacks.get(0).create();
    }
}
