package io.catalog.graph.ingest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which URLs the catalog may read. Only address literals and {@code localhost} are used: resolving them needs no
 * network, and nothing here connects anywhere.
 */
class ReadPolicyTest {

    private static ReadPolicy policy(String... entries) {
        return new ReadPolicy(Set.of(entries), List.of(), 1000, Duration.ofSeconds(1));
    }

    private static void allowed(ReadPolicy policy, String url) {
        assertThatCode(() -> policy.checkUrl(URI.create(url))).as(url).doesNotThrowAnyException();
    }

    private static void refused(ReadPolicy policy, String url, String reason) {
        assertThatThrownBy(() -> policy.checkUrl(URI.create(url))).as(url)
                .isInstanceOf(LocationReadException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("catalog.reading.allowed-hosts");
    }

    /** {@code *}, the default: any host whose every address is public. */
    @Nested
    class AnyPublicHost {

        private final ReadPolicy policy = policy("*");

        @ParameterizedTest
        @CsvSource({
                "http://127.0.0.1/catalog-info.yaml, loopback",
                "http://127.255.255.254:8080/x.yaml, loopback",
                "http://[::1]:7007/x.yaml, loopback",
                "http://[0:0:0:0:0:0:0:1]/x.yaml, loopback",
                "http://localhost/x.yaml, loopback",
                "http://LOCALHOST:7007/x.yaml, loopback",
                "http://2130706433/x.yaml, loopback",
                "http://[::ffff:127.0.0.1]/x.yaml, loopback",
                "http://[::ffff:7f00:1]/x.yaml, loopback",
                "http://169.254.169.254/latest/meta-data/catalog-info.yaml, link-local",
                "http://[::ffff:169.254.169.254]/latest/meta-data/, link-local",
                "http://2852039166/latest/meta-data/, link-local",
                "http://[fe80::1]/x.yaml, link-local",
                "http://[febf:ffff::1]/x.yaml, link-local",
                "http://10.0.0.1/x.yaml, private",
                "http://10.255.255.255/x.yaml, private",
                "http://172.16.0.1/x.yaml, private",
                "http://172.31.255.255/x.yaml, private",
                "http://192.168.1.1/x.yaml, private",
                "http://[fc00::1]/x.yaml, private",
                "http://[fd12:3456:789a::1]/x.yaml, private",
                "http://[::ffff:10.1.2.3]/x.yaml, private",
                "http://100.64.0.1/x.yaml, shared",
                "http://100.127.255.255/x.yaml, shared",
                "http://0.0.0.0/x.yaml, any-local",
                "http://0/x.yaml, any-local",
                "http://[::]/x.yaml, any-local",
                "http://0.1.2.3/x.yaml, reserved",
                "http://224.0.0.1/x.yaml, multicast",
                "http://239.255.255.250/x.yaml, multicast",
                "http://[ff02::1]/x.yaml, multicast",
                "http://255.255.255.255/x.yaml, reserved",
                "http://240.0.0.1/x.yaml, reserved",
                "http://192.0.2.1/x.yaml, reserved",
                "http://[2001:db8::1]/x.yaml, reserved",
                "http://[64:ff9b::a9fe:a9fe]/x.yaml, link-local",
                "http://[2002:7f00:1::]/x.yaml, loopback",
                "http://[::127.0.0.1]/x.yaml, reserved",
        })
        void nonPublicAddressesAreRefusedInEverySpelling(String url, String kind) {
            refused(policy, url, kind);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "https://93.184.215.14/catalog-info.yaml", "http://8.8.8.8:8080/x.yaml", "https://[2606:4700:4700::1111]/x.yaml",
                "http://11.0.0.1/x.yaml", "http://172.15.255.255/x.yaml", "http://172.32.0.1/x.yaml", "http://192.169.0.1/x.yaml",
                "http://100.63.255.255/x.yaml", "http://100.128.0.1/x.yaml", "http://169.253.255.255/x.yaml",
                "http://169.255.0.1/x.yaml", "http://223.255.255.255/x.yaml", "http://134744072/x.yaml",
                "http://[::ffff:8.8.8.8]/x.yaml", "http://[2002:808:808::1]/x.yaml"
        })
        void publicAddressesAreAllowed(String url) {
            allowed(policy, url);
        }

        @Test
        void anUnresolvableHostIsRefused() {
            // an ambiguous literal: Java refuses it without asking DNS
            refused(policy, "http://0x7f000001/x.yaml", "cannot be resolved");
        }
    }

    @Nested
    class ListedHosts {

        @Test
        void aListedNameOrAddressIsAllowedEvenIfLoopback() {
            ReadPolicy policy = policy("127.0.0.1", "localhost", "[::1]");

            allowed(policy, "http://127.0.0.1:8080/x.yaml");
            allowed(policy, "https://localhost/x.yaml");
            allowed(policy, "http://LocalHost:7007/x.yaml");
            allowed(policy, "http://[::1]:7007/x.yaml");
        }

        @Test
        void onlyTheHostAsListedIsAllowedNotOtherSpellingsOfItsAddress() {
            ReadPolicy policy = policy("127.0.0.1", "localhost");

            refused(policy, "http://2130706433/x.yaml", "not in");
            refused(policy, "http://[::1]/x.yaml", "not in");
            refused(policy, "http://[::ffff:127.0.0.1]/x.yaml", "not in");
            refused(policy, "http://127.0.0.2/x.yaml", "not in");
        }

        @Test
        void withoutTheWildcardUnlistedHostsAreRefusedPublicOrNot() {
            ReadPolicy policy = policy("127.0.0.1", "localhost");

            refused(policy, "http://169.254.169.254/latest/meta-data/", "not in");
            refused(policy, "http://8.8.8.8/x.yaml", "not in");
            // no DNS: a name that is not listed is refused as written
            refused(policy, "https://example.com/x.yaml", "host example.com is not in");
        }

        @Test
        void aListedHostStaysAllowedNextToTheWildcard() {
            ReadPolicy policy = policy("*", "127.0.0.1");

            allowed(policy, "http://127.0.0.1:7007/x.yaml");
            allowed(policy, "http://8.8.8.8/x.yaml");
            refused(policy, "http://[::1]/x.yaml", "loopback");
            refused(policy, "http://localhost/x.yaml", "loopback");
            refused(policy, "http://10.0.0.1/x.yaml", "private");
        }

        @Test
        void entriesAreTrimmedAndCaseInsensitive() {
            allowed(policy(" Example.COM "), "https://example.com/x.yaml");
            allowed(policy("example.com"), "https://EXAMPLE.com/x.yaml");
            allowed(policy("example.com"), "https://example.com./x.yaml");
        }
    }

    /** {@code host:port} pins a port; without one any port of that host. Default ports count: 80 and 443. */
    @Nested
    class Ports {

        @Test
        void aPinnedPortAllowsThatPortOnly() {
            ReadPolicy policy = policy("127.0.0.1:8080", "[::1]:8443");

            allowed(policy, "http://127.0.0.1:8080/x.yaml");
            allowed(policy, "https://[::1]:8443/x.yaml");
            refused(policy, "http://127.0.0.1:8081/x.yaml", "not in");
            refused(policy, "http://127.0.0.1/x.yaml", "not in");
            refused(policy, "https://[::1]/x.yaml", "not in");
        }

        @Test
        void theSchemesDefaultPortIsTheUrlsPort() {
            ReadPolicy policy = policy("localhost:80", "example.com:443");

            allowed(policy, "http://localhost/x.yaml");
            allowed(policy, "http://localhost:80/x.yaml");
            refused(policy, "https://localhost/x.yaml", "not in");
            allowed(policy, "https://example.com/x.yaml");
            refused(policy, "http://example.com/x.yaml", "not in");
        }

        @Test
        void theWildcardMayPinAPortToo() {
            ReadPolicy policy = policy("*:443");

            allowed(policy, "https://8.8.8.8/x.yaml");
            refused(policy, "http://8.8.8.8/x.yaml", "not in");
            refused(policy, "https://10.0.0.1/x.yaml", "private");
        }

        @ParameterizedTest
        @ValueSource(strings = {"host:", "host:http", "host:0", "host:65536", "[::1", "[::1]x", "a b", "*.example.com"})
        void aMalformedEntryIsAConfigurationError(String entry) {
            assertThatThrownBy(() -> policy(entry)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("catalog.reading.allowed-hosts");
        }
    }

    @Nested
    class Schemes {

        @ParameterizedTest
        @ValueSource(strings = {"ftp://127.0.0.1/x.yaml", "file:///etc/passwd", "jar:http://127.0.0.1/x.jar!/x.yaml", "gopher://127.0.0.1/"})
        void onlyHttpAndHttpsAreRead(String url) {
            assertThatThrownBy(() -> policy("*", "127.0.0.1").checkUrl(URI.create(url)))
                    .isInstanceOf(LocationReadException.class).hasMessageContaining("only http and https");
        }

        @Test
        void aUrlWithoutAHostIsRefused() {
            assertThatThrownBy(() -> policy("*").checkUrl(URI.create("http:///x.yaml")))
                    .isInstanceOf(LocationReadException.class).hasMessageContaining("no host");
            // java.net.URI does not take these as hosts at all
            assertThatThrownBy(() -> policy("*").checkUrl(URI.create("http://0x7f.1/x.yaml")))
                    .isInstanceOf(LocationReadException.class).hasMessageContaining("no host");
            assertThatThrownBy(() -> policy("*").checkUrl(URI.create("http://127.1/x.yaml")))
                    .isInstanceOf(LocationReadException.class).hasMessageContaining("no host");
        }
    }
}
