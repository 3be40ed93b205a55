package org.wspubsub.core.internal.tyrus;

import jakarta.websocket.Extension;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusExtension;

/**
 * One client offer of {@code permessage-deflate} (RFC 7692 section 7), judged against what this
 * server does: it deflates with a 32 KB window (the only one {@link java.util.zip.Deflater}
 * offers) and without context takeover in both directions, so that a publication is compressed
 * once for every subscriber and no connection keeps a compressor or decompressor between messages.
 *
 * <p>An offer with an unknown, repeated or malformed parameter, or one that limits the server's
 * window below 15 bits, is declined (the client may have sent another one). The answer always
 * carries {@code server_no_context_takeover} and {@code client_no_context_takeover} (a server may
 * add both unasked, section 7.1.1), plus {@code server_max_window_bits=15} when the offer named it.
 *
 * <p>Immutable; thread-safe.
 */
final class DeflateOffer {

    static final String NAME = "permessage-deflate";

    private static final List<Extension.Parameter> ANSWER = List.of(
            new TyrusExtension.TyrusParameter("server_no_context_takeover", null),
            new TyrusExtension.TyrusParameter("client_no_context_takeover", null));
    private static final List<Extension.Parameter> ANSWER_WITH_WINDOW = List.of(
            new TyrusExtension.TyrusParameter("server_no_context_takeover", null),
            new TyrusExtension.TyrusParameter("client_no_context_takeover", null),
            new TyrusExtension.TyrusParameter("server_max_window_bits", "15"));

    private final boolean serverWindowNamed;

    private DeflateOffer(boolean serverWindowNamed) {
        this.serverWindowNamed = serverWindowNamed;
    }

    /** The accepted offer, or empty when this server must decline it. */
    static Optional<DeflateOffer> judge(Extension offer) {
        if (!NAME.equalsIgnoreCase(offer.getName())) {
            return Optional.empty();
        }
        Set<String> seen = new HashSet<>();
        boolean serverWindowNamed = false;
        for (Extension.Parameter parameter : offer.getParameters()) {
            String name = parameter.getName().toLowerCase(Locale.ROOT);
            String value = parameter.getValue();
            if (!seen.add(name)) {
                return Optional.empty();
            }
            boolean valid = switch (name) {
                case "server_no_context_takeover", "client_no_context_takeover" -> value == null;
                case "server_max_window_bits" -> "15".equals(value);
                case "client_max_window_bits" -> value == null || isWindowBits(value);
                default -> false;
            };
            if (!valid) {
                return Optional.empty();
            }
            serverWindowNamed |= name.equals("server_max_window_bits");
        }
        return Optional.of(new DeflateOffer(serverWindowNamed));
    }

    /** The parameters of the handshake answer (shared, immutable: one of two lists for every connection). */
    List<Extension.Parameter> answer() {
        return serverWindowNamed ? ANSWER_WITH_WINDOW : ANSWER;
    }

    private static boolean isWindowBits(String value) {
        if (value.length() > 2 || value.isEmpty() || !value.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int bits = Integer.parseInt(value);
        return bits >= 8 && bits <= 15;
    }
}
