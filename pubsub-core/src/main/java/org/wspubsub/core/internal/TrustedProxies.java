package org.wspubsub.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies whose word about the client's address is taken ({@code trustedProxies}): addresses and
 * CIDR blocks, IPv4 and IPv6. A connection from one of them takes its client address from the
 * {@code Forwarded} header (RFC 7239, its {@code for=} parameters) or, without one, from
 * {@code X-Forwarded-For}: the right-most address in the chain that is not itself a trusted proxy
 * (each proxy appends the address it was connected from, so everything left of the first untrusted
 * one may have been written by the client). A chain of only trusted proxies gives its left-most
 * address; an entry that is no IP address ({@code unknown}, an obfuscated {@code _name}, garbage)
 * ends the walk with the address to its right, which is trusted. Headers from any other peer are
 * ignored.
 *
 * <p>Addresses are only ever parsed as literals: nothing here looks a name up in DNS.
 *
 * <p>Immutable and thread-safe.
 */
public final class TrustedProxies {

    /** Trusts nobody: every connection's address is its peer's. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), List.of());

    private final List<String> entries;
    private final List<Block> blocks;

    private TrustedProxies(List<String> entries, List<Block> blocks) {
        this.entries = entries;
        this.blocks = blocks;
    }

    /**
     * Parses addresses ({@code 10.0.0.7}, {@code ::1}) and CIDR blocks ({@code 10.0.0.0/8},
     * {@code fd00::/8}).
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>(entries.size());
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                throw new IllegalArgumentException("must not contain null or blank entries");
            }
            blocks.add(Block.parse(entry.trim()));
        }
        return blocks.isEmpty() ? NONE : new TrustedProxies(List.copyOf(entries), List.copyOf(blocks));
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The entries as configured. */
    public List<String> entries() {
        return entries;
    }

    /** Whether {@code address} (a literal IP address) is a trusted proxy's; false for anything else. */
    public boolean trusts(String address) {
        byte[] ip = literal(address);
        return ip != null && trusts(ip);
    }

    private boolean trusts(byte[] ip) {
        for (Block block : blocks) {
            if (block.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client's address as {@code host:port} for a connection from {@code peer}:{@code peerPort}.
     * When the peer is a trusted proxy, taken from {@code forwarded} (the values of every
     * {@code Forwarded} header, in order) or, when that names no address, {@code xForwardedFor}
     * (likewise); the port is the one the header gives, else {@code 0}. Otherwise the peer's.
     */
    public String clientAddress(String peer, int peerPort, List<String> forwarded, List<String> xForwardedFor) {
        if (blocks.isEmpty() || !trusts(peer)) {
            return peer + ":" + peerPort;
        }
        List<String> chain = forwardedFor(forwarded);
        if (chain.isEmpty()) {
            chain = list(xForwardedFor);
        }
        String client = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String address = withPort(chain.get(i));
            if (address == null) {
                break; // not an address: nothing to its left can be told apart from what the client wrote
            }
            client = address;
            if (!trusts(hostOf(address))) {
                break;
            }
        }
        return client != null ? client : peer + ":" + peerPort;
    }

    /** The {@code for=} values of the {@code Forwarded} elements, left to right, unquoted. */
    static List<String> forwardedFor(List<String> headers) {
        List<String> values = new ArrayList<>();
        for (String header : headers) {
            for (String element : split(header, ',')) {
                for (String pair : split(element, ';')) {
                    int equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase("for")) {
                        values.add(unquote(pair.substring(equals + 1).trim()));
                    }
                }
            }
        }
        return values;
    }

    /** The comma-separated entries of {@code X-Forwarded-For} headers, left to right. */
    private static List<String> list(List<String> headers) {
        List<String> values = new ArrayList<>();
        for (String header : headers) {
            values.addAll(split(header, ','));
        }
        return values;
    }

    /** Splits on {@code separator} outside double quotes; trims the parts and drops empty ones. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                addTrimmed(parts, text.substring(start, i));
                start = i + 1;
            }
        }
        addTrimmed(parts, text.substring(start));
        return parts;
    }

    private static void addTrimmed(List<String> parts, String part) {
        String trimmed = part.trim();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    /**
     * {@code address} as {@code host:port}, the host in its canonical form: from {@code 192.0.2.43},
     * {@code 192.0.2.43:47011}, {@code 2001:db8::17} or {@code [2001:db8::17]:4711}; null when it is
     * no IP address.
     */
    static String withPort(String entry) {
        String host = entry;
        String port = "0";
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return null;
                }
                port = rest.substring(1);
            }
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            // one colon: an IPv4 address with a port (an IPv6 address has at least two)
            host = entry.substring(0, entry.indexOf(':'));
            port = entry.substring(entry.indexOf(':') + 1);
        }
        byte[] ip = literal(host);
        if (ip == null || !validPort(port)) {
            return null;
        }
        return canonical(ip) + ":" + Integer.parseInt(port);
    }

    private static boolean validPort(String port) {
        if (port.isEmpty() || port.length() > 5) {
            return false;
        }
        for (int i = 0; i < port.length(); i++) {
            if (port.charAt(i) < '0' || port.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(port) <= 65_535;
    }

    /** The host of a {@code host:port} built by {@link #withPort}. */
    private static String hostOf(String address) {
        return address.substring(0, address.lastIndexOf(':'));
    }

    private static String canonical(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // a 4- or 16-byte array is always an address
        }
    }

    /**
     * The bytes of an IPv4 (four decimal parts) or IPv6 literal, an IPv4-mapped IPv6 address as its
     * four IPv4 bytes; null for anything else. Never consults DNS.
     */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null; // zone ids, brackets, names: not an address here
            }
        }
        try {
            // with a ':' and only hex digits, ':' and '.', the JDK parses a literal or fails: no look-up
            return InetAddress.getByName(text).getAddress(); // IPv4-mapped: the four IPv4 bytes
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] ip = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            ip[i] = (byte) value;
        }
        return ip;
    }

    @Override
    public String toString() {
        return "TrustedProxies" + entries;
    }

    /** An address block: the first {@code prefix} bits of {@code network}. */
    private record Block(byte[] network, int prefix) {

        static Block parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] ip = literal(address);
            if (ip == null) {
                throw new IllegalArgumentException("entry '" + entry + "' is not an IP address or CIDR block");
            }
            int bits = ip.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String length = entry.substring(slash + 1);
                if (!validPort(length) || Integer.parseInt(length) > bits) {
                    throw new IllegalArgumentException("entry '" + entry + "' has a prefix length outside 0 to " + bits);
                }
                prefix = Integer.parseInt(length);
                if (ip.length == 4 && address.indexOf(':') >= 0) {
                    // an IPv4-mapped block (::ffff:10.0.0.0/104) is matched as the IPv4 block it means
                    if (prefix < 96) {
                        throw new IllegalArgumentException("entry '" + entry + "' is an IPv4-mapped block shorter than /96");
                    }
                    prefix -= 96;
                }
            }
            return new Block(ip, prefix);
        }

        boolean contains(byte[] ip) {
            if (ip.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (ip[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (ip[whole] & mask) == (network[whole] & mask);
        }
    }
}
