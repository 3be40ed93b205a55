package org.wspubsub.core.internal.tyrus;

import jakarta.websocket.Extension;
import java.util.List;
import java.util.Optional;
import org.wspubsub.core.internal.endpoint.ExtensionNegotiator;

/**
 * The standalone server's extension negotiation when {@code perMessageDeflate} is on: the first
 * acceptable {@code permessage-deflate} offer (see {@link DeflateOffer}) gets a
 * {@link DeflateConnection} of its own; every other extension is declined. Tyrus's own deflate
 * extension is never used: it inflates without a bound.
 *
 * <p>Called by Tyrus on handshake threads; stateless and thread-safe.
 */
final class PerMessageDeflate implements ExtensionNegotiator {

    private final int maxMessageBytes;

    PerMessageDeflate(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public List<Extension> negotiate(List<Extension> requested) {
        for (Extension offer : requested) {
            Optional<DeflateOffer> accepted = DeflateOffer.judge(offer);
            if (accepted.isPresent()) {
                return List.of(new DeflateConnection(accepted.get().answer(), maxMessageBytes));
            }
        }
        return List.of();
    }
}
