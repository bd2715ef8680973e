package io.catalog.graph.github;

import io.catalog.graph.testing.GitHubStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a repository's descriptors are found, with the real client against the local GitHub. */
class DescriptorFinderTest {

    private static final GitHubStub GITHUB = new GitHubStub();
    private static final CatalogPathPattern ANY_DEPTH = CatalogPathPattern.of("**/catalog-info.yaml");
    private GitHub client;

    @BeforeEach
    void connect() throws IOException {
        GITHUB.reset();
        ConditionalRequests.Cache nothingStored = new ConditionalRequests.Cache() {
            @Override
            public Optional<ConditionalRequests.Entry> get(String url) {
                return Optional.empty();
            }

            @Override
            public void put(String url, ConditionalRequests.Entry entry) {
            }
        };
        client = new GitHubBuilder().withEndpoint(GITHUB.apiUrl()).withOAuthToken("test-token")
                .withConnector(new ConditionalRequests(new HttpTransport(HttpClient.newHttpClient(), Duration.ofSeconds(2)),
                        nothingStored, new RequestStats(), (url, body) -> { }))
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL).withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL).build();
    }

    @AfterAll
    static void stop() {
        GITHUB.close();
    }

    private GHRepository repository(String fullName) throws IOException {
        GITHUB.repositories(fullName.substring(0, fullName.indexOf('/')), List.of(GitHubStub.Repo.of(fullName)), 100);
        return client.getRepository(fullName);
    }

    private static Map<String, String> entries(String... pathThenKind) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < pathThenKind.length; i += 2) {
            entries.put(pathThenKind[i], pathThenKind[i + 1]);
        }
        return entries;
    }

    @Test
    void anExactPathIsOneContentsRequestAndA404MeansNoDescriptor() throws IOException {
        GHRepository with = repository("acme/with");
        GITHUB.file("acme/with", "main", "catalog-info.yaml", "kind: Component\n");
        GHRepository without = repository("acme/without");
        GITHUB.missingFile("acme/without", "main", "catalog-info.yaml");
        CatalogPathPattern exact = CatalogPathPattern.of("/catalog-info.yaml");

        assertThat(DescriptorFinder.find(with, "main", exact)).isEqualTo(new DescriptorFinder.Found(List.of("catalog-info.yaml"), true));
        assertThat(DescriptorFinder.find(without, "main", exact)).isEqualTo(new DescriptorFinder.Found(List.of(), true));
    }

    @Test
    void aGlobReadsTheRecursiveTree() throws IOException {
        GHRepository repo = repository("acme/mono");
        GITHUB.tree("acme/mono", "main", List.of("catalog-info.yaml", "services/a/catalog-info.yaml", "services/a/pom.xml"), false);

        assertThat(DescriptorFinder.find(repo, "main", ANY_DEPTH).paths())
                .containsExactlyInAnyOrder("catalog-info.yaml", "services/a/catalog-info.yaml");
    }

    @Test
    void aTruncatedTreeIsWalkedFolderByFolderUntilEveryDescriptorIsFound() throws IOException {
        GHRepository repo = repository("acme/huge");
        GITHUB.treeObject("acme/huge", "main", true, entries("a/catalog-info.yaml", "blob"), true);
        GITHUB.treeObject("acme/huge", "main", false, entries("catalog-info.yaml", "blob", "a", "tree:aaa", "b", "tree:bbb"), false);
        GITHUB.treeObject("acme/huge", "aaa", true, entries("catalog-info.yaml", "blob", "x", "tree:xxx", "x/catalog-info.yaml", "blob"), false);
        GITHUB.treeObject("acme/huge", "bbb", true, entries("readme.md", "blob"), true);
        GITHUB.treeObject("acme/huge", "bbb", false, entries("readme.md", "blob", "c", "tree:ccc"), false);
        GITHUB.treeObject("acme/huge", "ccc", true, entries("catalog-info.yaml", "blob"), false);

        DescriptorFinder.Found found = DescriptorFinder.find(repo, "main", ANY_DEPTH);

        assertThat(found.complete()).isTrue();
        assertThat(found.paths()).containsExactlyInAnyOrder("catalog-info.yaml", "a/catalog-info.yaml", "a/x/catalog-info.yaml",
                "b/c/catalog-info.yaml");
    }

    @Test
    void aServerErrorIsThrownForTheCallerToDecide() throws IOException {
        GHRepository repo = repository("acme/broken");
        GITHUB.failing("/repos/acme/broken/git/trees/.*", 502);

        assertThatThrownBy(() -> DescriptorFinder.find(repo, "main", ANY_DEPTH)).isInstanceOf(HttpException.class);
    }
}
