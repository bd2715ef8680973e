package io.catalog.graph.ingest;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tells public addresses from the ones a server must not be made to read by a user of the API: loopback, private,
 * link-local (cloud metadata lives at 169.254.169.254), carrier-grade NAT, multicast and reserved ranges. Works on
 * the bytes of a resolved {@link InetAddress}, so no spelling of an address can walk around it.
 */
final class AddressRanges {

    private record Range(byte[] prefix, int bits, String kind) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final String LOOPBACK = "loopback";
    static final String PRIVATE = "private";
    static final String LINK_LOCAL = "link-local";
    static final String RESERVED = "reserved";

    /** First match wins, so narrower ranges come before the wider ones they sit in. */
    private static final List<Range> NOT_PUBLIC = List.of(
            range("0.0.0.0/32", "any-local"),
            range("0.0.0.0/8", RESERVED),
            range("10.0.0.0/8", PRIVATE),
            range("100.64.0.0/10", "shared (carrier-grade NAT)"),
            range("127.0.0.0/8", LOOPBACK),
            range("169.254.0.0/16", LINK_LOCAL),
            range("172.16.0.0/12", PRIVATE),
            range("192.0.0.0/24", RESERVED),
            range("192.0.2.0/24", RESERVED),
            range("192.88.99.0/24", RESERVED),
            range("192.168.0.0/16", PRIVATE),
            range("198.18.0.0/15", RESERVED),
            range("198.51.100.0/24", RESERVED),
            range("203.0.113.0/24", RESERVED),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", RESERVED),
            range("::/128", "any-local"),
            range("::1/128", LOOPBACK),
            range("::/96", RESERVED), // IPv4-compatible, deprecated
            range("64:ff9b:1::/48", RESERVED),
            range("100::/64", RESERVED),
            range("2001::/23", RESERVED), // IETF protocol assignments, Teredo among them
            range("2001:db8::/32", RESERVED),
            range("fc00::/7", PRIVATE),
            range("fe80::/10", LINK_LOCAL),
            range("fec0::/10", PRIVATE), // site-local, deprecated
            range("ff00::/8", "multicast"));

    /** IPv6 ranges that carry an IPv4 address, which decides: byte offset of the embedded address per prefix. */
    private static final List<Range> EMBEDDING_IPV4 = List.of(
            range("::ffff:0:0/96", "IPv4-mapped"), range("64:ff9b::/96", "NAT64"), range("2002::/16", "6to4"));
    private static final int[] EMBEDDED_AT = {12, 12, 2};

    private AddressRanges() {
    }

    /** Empty for a public address; otherwise what kind of address it is. */
    static Optional<String> nonPublicKind(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < EMBEDDING_IPV4.size(); i++) {
            if (EMBEDDING_IPV4.get(i).contains(bytes)) {
                return nonPublicKind(ipv4(Arrays.copyOfRange(bytes, EMBEDDED_AT[i], EMBEDDED_AT[i] + 4)));
            }
        }
        return NOT_PUBLIC.stream().filter(range -> range.contains(bytes)).map(Range::kind).findFirst();
    }

    private static Range range(String cidr, String kind) {
        int slash = cidr.indexOf('/');
        try {
            // literals only: no name lookup happens here
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.startsWith("::ffff:")) {
                prefix = new byte[16]; // Java folds IPv4-mapped literals into IPv4 addresses
                prefix[10] = (byte) 0xff;
                prefix[11] = (byte) 0xff;
            }
            return new Range(prefix, Integer.parseInt(cidr.substring(slash + 1)), kind);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(cidr, e);
        }
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return Inet4Address.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
