package io.catalog.graph.ingest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code catalog.reading.allowed-hosts}: which http(s) URLs may be read. An entry is {@code *} (any host whose every
 * address is public), a host name, or an address as written in URLs ({@code 10.0.0.5}, {@code [::1]}); each may pin a
 * port ({@code host:8080}, {@code *:443}), the scheme's default port counting for URLs without one. A listed name or
 * address is read whatever it resolves to: listing it is the operator's decision. Anything else is refused.
 */
final class HostAllowList {

    static final String SETTING = "catalog.reading.allowed-hosts";
    static final String ANY_PUBLIC = "*";
    private static final int ANY_PORT = -1;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

    private record Entry(String host, int port) {
        boolean covers(String urlHost, int urlPort) {
            return host.equals(urlHost) && (port == ANY_PORT || port == urlPort);
        }
    }

    private final List<Entry> entries;

    HostAllowList(Collection<String> entries) {
        this.entries = entries.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty())
                .map(HostAllowList::entry).toList();
    }

    /** Empty when the URL may be read; otherwise why not. Resolves the host only when {@code *} must decide. */
    Optional<String> refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http and https URLs are read, not " + url);
        }
        if (url.getHost() == null) {
            return Optional.of("url " + url + " has no host that " + SETTING + " could allow");
        }
        String host = host(url.getHost());
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        if (entries.stream().anyMatch(e -> !e.host().equals(ANY_PUBLIC) && e.covers(host, port))) {
            return Optional.empty();
        }
        if (entries.stream().noneMatch(e -> e.covers(ANY_PUBLIC, port))) {
            boolean otherPort = entries.stream().anyMatch(e -> e.host().equals(host));
            return Optional.of("host " + url.getHost() + " is not in " + SETTING + (otherPort ? " for port " + port : ""));
        }
        return nonPublicAddress(url.getHost());
    }

    /** Every address must be public: the connection may use any of them. */
    private static Optional<String> nonPublicAddress(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " cannot be resolved, so it cannot be shown to have public addresses only"
                    + " (" + SETTING + " allows other hosts only when listed)");
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = AddressRanges.nonPublicKind(address);
            if (kind.isPresent()) {
                return Optional.of("host " + host + " resolves to " + address.getHostAddress() + ", a " + kind.get()
                        + " address; such addresses are read only from hosts listed in " + SETTING);
            }
        }
        return Optional.empty();
    }

    /** A host as URLs carry it, compared the way entries are written: lower case, no brackets, no final dot. */
    private static String host(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static Entry entry(String text) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            String rest = close < 0 ? null : text.substring(close + 1);
            if (rest == null || !rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(text, "an IPv6 address is written [address] or [address]:port");
            }
            host = text.substring(1, close);
            port = rest.isEmpty() ? null : rest.substring(1);
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        host = host(host);
        boolean valid = host.equals(ANY_PUBLIC) || (host.contains(":") ? IPV6.matcher(host).matches() : NAME.matcher(host).matches());
        if (!valid) {
            throw invalid(text, "expected *, a host name or an address, optionally with :port");
        }
        return new Entry(host, port == null ? ANY_PORT : port(text, port));
    }

    private static int port(String entry, String port) {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(entry, "the port must be a number from 1 to 65535");
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("invalid entry '" + entry + "' in " + SETTING + ": " + why);
    }
}
