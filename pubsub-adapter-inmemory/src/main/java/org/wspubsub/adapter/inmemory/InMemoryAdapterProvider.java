package org.wspubsub.adapter.inmemory;

import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.BrokerAdapterProvider;

/**
 * Registers the in-memory adapter with {@link java.util.ServiceLoader} as the fallback: a service
 * built without an adapter, and with no other provider on the class path, runs on a broker of its
 * own. Stateless and thread-safe.
 */
public final class InMemoryAdapterProvider implements BrokerAdapterProvider {

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public BrokerAdapter create() {
        return InMemoryAdapter.create();
    }

    @Override
    public boolean isFallback() {
        return true;
    }
}
