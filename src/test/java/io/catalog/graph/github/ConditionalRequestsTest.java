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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real github-api client over our transport, against a local GitHub: conditional requests, counts, limits. */
class ConditionalRequestsTest {

    private static final GitHubStub GITHUB = new GitHubStub();

    private final Map<String, ConditionalRequests.Entry> stored = new ConcurrentHashMap<>();
    private final RequestStats stats = new RequestStats();
    private GitHub client;

    @BeforeEach
    void connect() throws IOException {
        GITHUB.reset();
        ConditionalRequests.Cache cache = new ConditionalRequests.Cache() {
            @Override
            public Optional<ConditionalRequests.Entry> get(String url) {
                return Optional.ofNullable(stored.get(url));
            }

            @Override
            public void put(String url, ConditionalRequests.Entry entry) {
                stored.put(url, entry);
            }
        };
        HttpTransport transport = new HttpTransport(HttpClient.newHttpClient(), Duration.ofSeconds(2));
        client = new GitHubBuilder().withEndpoint(GITHUB.apiUrl()).withOAuthToken("test-token")
                .withConnector(new ConditionalRequests(transport, cache, stats, (url, body) -> { }))
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL).withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL).build();
    }

    @AfterAll
    static void stop() {
        GITHUB.close();
    }

    @Test
    void aSecondReadOfAnUnchangedFileIsA304AnsweredFromTheStoredBody() throws IOException {
        GitHubStub.Repo repo = GitHubStub.Repo.of("acme/payments");
        GITHUB.repositories("acme", List.of(repo), 100);
        String descriptor = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: payments\n"
                + "  description: " + "a long enough description to wrap the base64 content over several lines ".repeat(3) + "\n";
        GITHUB.file("acme/payments", "main", "catalog-info.yaml", descriptor);

        for (int round = 0; round < 2; round++) {
            GHRepository repository = client.getRepository("acme/payments");
            assertThat(new String(repository.getFileContent("catalog-info.yaml", "main").read().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(descriptor);
        }

        assertThat(GITHUB.gets("/repos/.*")).isEqualTo(4);
        assertThat(GITHUB.notModifiedAnswers()).as("the second repository and file reads").isEqualTo(2);
        assertThat(stats.snapshot().requests()).as("with the client's GET /user").isEqualTo(5);
        assertThat(stats.snapshot().notModified()).isEqualTo(2);
        assertThat(stats.snapshot().costly()).isEqualTo(3);
    }

    @Test
    void pagesOfARepositoryListAreFollowedThroughLinkHeadersAndRevalidatedOneByOne() throws IOException {
        List<GitHubStub.Repo> repos = java.util.stream.IntStream.range(0, 5).mapToObj(i -> GitHubStub.Repo.of("acme/r" + i)).toList();
        GITHUB.organization("acme");
        GITHUB.repositories("acme", repos, 2);

        for (int round = 0; round < 2; round++) {
            List<String> names = client.getOrganization("acme").listRepositories(2).toList().stream().map(GHRepository::getFullName).toList();
            assertThat(names).containsExactly("acme/r0", "acme/r1", "acme/r2", "acme/r3", "acme/r4");
        }
        assertThat(GITHUB.notModifiedAnswers()).as("second round: the three pages, all 304 (the client keeps the organisation)").isEqualTo(3);
    }

    @Test
    void aRateLimitFailsFastAndSaysUntilWhen() {
        Instant reset = Instant.now().plusSeconds(600);
        GITHUB.rateLimited("/repos/.*", reset);

        assertThatThrownBy(() -> client.getRepository("acme/payments")).isInstanceOf(HttpException.class);
        assertThat(stats.snapshot().rateLimitRemaining()).isZero();
        assertThat(stats.blockedUntil()).isEqualTo(Instant.ofEpochSecond(reset.getEpochSecond()));
    }

    @Test
    void aSecondaryLimitWithoutRetryAfterBlocksForAMinute() {
        GITHUB.secondaryRateLimitedWithoutRetryAfter("/repos/.*");
        Instant before = Instant.now();

        assertThatThrownBy(() -> client.getRepository("acme/payments")).isInstanceOf(HttpException.class);

        assertThat(stats.blockedUntil()).as("GitHub: without retry-after, wait at least a minute")
                .isAfterOrEqualTo(before.plusSeconds(60)).isBefore(Instant.now().plusSeconds(61));
        assertThat(stats.snapshot().rateLimited()).isEqualTo(1);
    }

    @Test
    void aForbiddenAnswerThatIsNoLimitBlocksNothing() {
        GITHUB.forbidden("/repos/.*");

        assertThatThrownBy(() -> client.getRepository("acme/payments")).isInstanceOf(HttpException.class);

        assertThat(stats.blockedUntil()).isNull();
        assertThat(stats.snapshot().rateLimited()).isZero();
    }

    @Test
    void aStalledGitHubIsGivenUpOnAtTheDeadline() {
        GITHUB.stalling("/repos/.*", 5_000);
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.getRepository("acme/payments")).isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }
}
