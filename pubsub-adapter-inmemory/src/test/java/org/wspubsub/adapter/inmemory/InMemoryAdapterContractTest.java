package org.wspubsub.adapter.inmemory;

import org.junit.jupiter.api.BeforeEach;
import org.wspubsub.api.adapter.BrokerAdapter;
import org.wspubsub.api.adapter.kit.BrokerAdapterContractTest;

class InMemoryAdapterContractTest extends BrokerAdapterContractTest {

    private InMemoryBroker broker;

    @BeforeEach
    void newBroker() {
        broker = new InMemoryBroker();
    }

    @Override
    protected BrokerAdapter newAdapter() {
        return InMemoryAdapter.create(broker);
    }
}
