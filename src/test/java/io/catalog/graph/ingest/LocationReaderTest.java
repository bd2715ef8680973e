package io.catalog.graph.ingest;

import io.catalog.graph.model.LocationSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationReaderTest {

    private static final int MAX_BYTES = 64;

    private final LocationReader reader = new LocationReader(HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build());

    @TempDir
    Path tmp;

    private ReadPolicy policy(Set<String> hosts, List<Path> roots) {
        return new ReadPolicy(hosts, roots, MAX_BYTES, Duration.ofSeconds(5));
    }

    private static String text(ReadResult result) {
        return new String(result.content(), StandardCharsets.UTF_8);
    }

    @Nested
    class FileLocations {

        private Path root;
        private ReadPolicy policy;

        @BeforeEach
        void setUp() throws IOException {
            root = Files.createDirectories(tmp.resolve("catalog"));
            policy = policy(Set.of(), List.of(root));
        }

        private ReadResult read(Path file) throws LocationReadException {
            return reader.read(new LocationSpec("file", file.toString()), policy, null);
        }

        @Test
        void aFileUnderARootIsRead() throws Exception {
            Path file = Files.writeString(Files.createDirectories(root.resolve("team")).resolve("catalog-info.yaml"), "kind: Group\n");

            ReadResult result = read(file);

            assertThat(text(result)).isEqualTo("kind: Group\n");
            assertThat(result.notModified()).isFalse();
            assertThat(result.etag()).isNull();
        }

        @Test
        void aFileOutsideTheRootsIsRefusedEvenIfItExists() throws Exception {
            Path outside = Files.writeString(tmp.resolve("secret.yaml"), "password: hunter2\n");

            assertThatThrownBy(() -> read(outside))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessageContaining("outside the folders the catalog may read");
        }

        @Test
        void dotDotCannotClimbOutOfARoot() throws Exception {
            Files.writeString(tmp.resolve("secret.yaml"), "password: hunter2\n");

            assertThatThrownBy(() -> read(root.resolve("../secret.yaml")))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessageContaining("outside the folders");
        }

        @Test
        void aFolderThatMerelySharesARootsNamePrefixIsOutside() throws Exception {
            Path sibling = Files.createDirectories(tmp.resolve("catalog-private"));
            Path file = Files.writeString(sibling.resolve("catalog-info.yaml"), "kind: Group\n");

            assertThatThrownBy(() -> read(file)).isInstanceOf(LocationReadException.class).hasMessageContaining("outside");
        }

        @Test
        void aSymbolicLinkCannotLeadOutOfARoot() throws Exception {
            Path secret = Files.writeString(tmp.resolve("secret.txt"), "password: hunter2\n");
            Path link = Files.createSymbolicLink(root.resolve("innocent.yaml"), secret);

            assertThatThrownBy(() -> read(link))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessageContaining("outside the folders the catalog may read");
        }

        @Test
        void aSymbolicLinkThatStaysInsideARootIsFollowed() throws Exception {
            Path real = Files.writeString(root.resolve("real.yaml"), "kind: Group\n");
            Path link = Files.createSymbolicLink(root.resolve("alias.yaml"), real);

            assertThat(text(read(link))).isEqualTo("kind: Group\n");
        }

        @Test
        void aRootReachedThroughASymbolicLinkStillWorks() throws Exception {
            Path linkedRoot = Files.createSymbolicLink(tmp.resolve("linked-catalog"), root);
            Files.writeString(root.resolve("catalog-info.yaml"), "kind: Group\n");
            policy = policy(Set.of(), List.of(linkedRoot));

            assertThat(text(read(linkedRoot.resolve("catalog-info.yaml")))).isEqualTo("kind: Group\n");
        }

        @Test
        void aMissingFileSaysSo() {
            Path missing = root.resolve("nowhere.yaml");

            assertThatThrownBy(() -> read(missing))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessage("file " + missing + " does not exist");
        }

        @Test
        void aFileLargerThanTheLimitIsRefusedAndOneAtTheLimitIsRead() throws Exception {
            Path tooLarge = Files.write(root.resolve("large.yaml"), new byte[MAX_BYTES + 1]);
            Path atLimit = Files.write(root.resolve("limit.yaml"), new byte[MAX_BYTES]);

            assertThatThrownBy(() -> read(tooLarge))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessageContaining("larger than the limit of " + MAX_BYTES + " bytes");
            assertThat(read(atLimit).content()).hasSize(MAX_BYTES);
        }

        @Test
        void everyConfiguredRootIsReadable() throws Exception {
            Path other = Files.createDirectories(tmp.resolve("other"));
            Path file = Files.writeString(other.resolve("catalog-info.yaml"), "kind: Group\n");

            assertThatThrownBy(() -> read(file)).isInstanceOf(LocationReadException.class);
            policy = policy(Set.of(), List.of(root, other));
            assertThat(text(read(file))).isEqualTo("kind: Group\n");
        }
    }

    @Nested
    class UrlLocations {

        private LocalHttpServer server;

        @BeforeEach
        void start() throws IOException {
            server = LocalHttpServer.start();
        }

        @AfterEach
        void stop() {
            server.close();
        }

        private ReadResult read(String path, Set<String> hosts, String ifNoneMatch) throws LocationReadException {
            return reader.read(new LocationSpec("url", server.url(path)), policy(hosts, List.of()), ifNoneMatch);
        }

        @Test
        void aUrlOnAnAllowedHostIsReadWithItsEtag() throws Exception {
            server.serve("/repo/catalog-info.yaml", "kind: Group\n", "\"v1\"");

            ReadResult result = read("/repo/catalog-info.yaml", Set.of("127.0.0.1"), null);

            assertThat(text(result)).isEqualTo("kind: Group\n");
            assertThat(result.etag()).isEqualTo("\"v1\"");
            assertThat(result.notModified()).isFalse();
        }

        @Test
        void aHostNotOnTheAllowListIsRefusedWithoutBeingAsked() {
            server.serve("/catalog-info.yaml", "kind: Group\n");

            assertThatThrownBy(() -> read("/catalog-info.yaml", Set.of("localhost", "example.com"), null))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessageContaining("host 127.0.0.1 is not in catalog.reading.allowed-hosts");
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void theWildcardAdmitsPublicHostsOnlySoLoopbackIsRefusedWithoutBeingAsked() {
            server.serve("/catalog-info.yaml", "kind: Group\n");

            assertThatThrownBy(() -> read("/catalog-info.yaml", Set.of("*"), null))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessageContaining("resolves to 127.0.0.1, a loopback address");
            assertThat(server.requests()).isEmpty();
        }

        @Test
        void aListedAddressNextToTheWildcardIsRead() throws Exception {
            server.serve("/catalog-info.yaml", "kind: Group\n");

            assertThat(text(read("/catalog-info.yaml", Set.of("*", "127.0.0.1"), null))).isEqualTo("kind: Group\n");
        }

        @Test
        void notFoundSaysSo() {
            assertThatThrownBy(() -> read("/missing.yaml", Set.of("127.0.0.1"), null))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessage("url " + server.url("/missing.yaml") + " was not found (HTTP 404)");
        }

        @Test
        void aServerErrorIsAReadErrorWithTheStatus() {
            server.serve("/broken.yaml", 500, "oops".getBytes(StandardCharsets.UTF_8), null);

            assertThatThrownBy(() -> read("/broken.yaml", Set.of("127.0.0.1"), null))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessageContaining("answered HTTP 500");
        }

        @Test
        void aRedirectIsNotFollowed() {
            server.serve("/moved.yaml", 302, new byte[0], null);

            assertThatThrownBy(() -> read("/moved.yaml", Set.of("127.0.0.1"), null))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessageContaining("answered HTTP 302");
        }

        @Test
        void aMatchingEtagGivesNotModifiedWithoutContent() throws Exception {
            server.serve("/catalog-info.yaml", "kind: Group\n", "\"v1\"");

            ReadResult result = read("/catalog-info.yaml", Set.of("127.0.0.1"), "\"v1\"");

            assertThat(result.notModified()).isTrue();
            assertThat(result.etag()).isEqualTo("\"v1\"");
            assertThat(result.content()).isEmpty();
            assertThat(server.requests()).containsExactly(new LocalHttpServer.Request("/catalog-info.yaml", "\"v1\""));
        }

        @Test
        void aChangedEtagGivesTheNewContent() throws Exception {
            server.serve("/catalog-info.yaml", "kind: Component\n", "\"v2\"");

            ReadResult result = read("/catalog-info.yaml", Set.of("127.0.0.1"), "\"v1\"");

            assertThat(result.notModified()).isFalse();
            assertThat(result.etag()).isEqualTo("\"v2\"");
            assertThat(text(result)).isEqualTo("kind: Component\n");
        }

        @Test
        void aBodyLargerThanTheLimitIsRefusedAndOneAtTheLimitIsRead() throws Exception {
            server.serve("/large.yaml", 200, new byte[MAX_BYTES + 1], null);
            server.serve("/limit.yaml", 200, new byte[MAX_BYTES], null);

            assertThatThrownBy(() -> read("/large.yaml", Set.of("127.0.0.1"), null))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessageContaining("larger than the limit of " + MAX_BYTES + " bytes");
            assertThat(read("/limit.yaml", Set.of("127.0.0.1"), null).content()).hasSize(MAX_BYTES);
        }

        @Test
        void anUnreachableServerIsAReadError() {
            String url = server.url("/catalog-info.yaml");
            server.close();

            assertThatThrownBy(() -> reader.read(new LocationSpec("url", url), policy(Set.of("127.0.0.1"), List.of()), null))
                    .isInstanceOf(LocationReadException.class)
                    .hasMessageContaining("cannot read url " + url);
        }
    }
}
