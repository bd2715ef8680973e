package io.catalog.graph.github;

import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.Descriptors;
import io.catalog.graph.testing.GitHubOrgStub;
import io.catalog.graph.testing.GitHubStub;
import io.catalog.graph.testing.GitHubTestResource;
import io.catalog.graph.testing.Metrics;
import io.catalog.graph.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.catalog.graph.testing.Discovery.awaitAllRead;
import static io.catalog.graph.testing.Discovery.awaitGone;
import static io.catalog.graph.testing.Discovery.scan;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Descriptors at an exact {@code catalog-path} are looked for 50 repositories to a GraphQL query, and served from
 * what that query read until their repository changes: a first scan of an organisation costs its listing and a
 * query per 50 repositories, not a request per repository, and the refresh loop asks GitHub nothing for them.
 */
@QuarkusTest
@TestProfile(GitHubTestResource.Profile.class)
class BulkDescriptorReadTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    RepositoryChanges changes;
    @Inject
    GitHubClients clients;
    @Inject
    javax.sql.DataSource dataSource;

    private final GitHubStub github = GitHubTestResource.github();
    private Sql sql;

    @BeforeEach
    void freshGitHub() {
        sql = new Sql(dataSource);
        github.reset();
        github.recover();
        new GitHubOrgStub(github).serve(GitHubOrgStub.Org.of("acme", List.of(), List.of()), 100);
    }

    private GitHubStub.Repo withDescriptor(String name, String owner) {
        GitHubStub.Repo repo = GitHubStub.Repo.of("acme/" + name);
        github.file(repo.fullName(), "main", "catalog-info.yaml", Descriptors.component(name, owner));
        return repo;
    }

    /** A repository of acme with a descriptor owned by team-a, scanned and served. */
    private GitHubStub.Repo servedByAScan(String name) {
        GitHubStub.Repo repo = withDescriptor(name, "team-a");
        github.repositories("acme", List.of(repo), 100);
        scan("acme");
        awaitOwner(name, "team-a");
        return repo;
    }

    /** The repository is listed as pushed on {@code day} ({@code 2026-11-20}), and acme is scanned again. */
    private void pushedAndScanned(GitHubStub.Repo repo, String day) {
        github.repositories("acme", List.of(repo.pushedAt(Instant.parse(day + "T10:00:00Z"))), 100);
        scan("acme");
    }

    private static String ownerOf(String name) {
        JsonPath entity = CatalogApi.entity("component", name);
        return entity == null ? null : entity.getString("spec.owner");
    }

    private static void awaitOwner(String name, String owner) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> owner.equals(ownerOf(name)));
    }

    @Test
    void aFirstScanLooksIntoFiftyRepositoriesAQueryAndTheRefreshLoopAsksGitHubNothing() {
        List<GitHubStub.Repo> repos = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String name = "bulk-%03d".formatted(i);
            if (i % 12 == 0) {
                repos.add(GitHubStub.Repo.of("acme/" + name)); // no descriptor
                github.missingFile("acme/" + name, "main", "catalog-info.yaml");
            } else {
                repos.add(withDescriptor(name, "team-a"));
            }
        }
        github.repositories("acme", repos, 100);

        scan("acme");
        awaitOwner("bulk-119", "team-a");
        awaitAllRead();

        assertThat(github.graphqlQueries()).as("120 repositories, 50 to a query").isEqualTo(3);
        Metrics metrics = Metrics.scrape();
        assertThat(metrics.value("catalog_github_graphql_rate_limit_remaining", "provider", "acme")).as("GraphQL's own budget")
                .isEqualTo(4990.0);
        assertThat(metrics.value("catalog_github_rate_limit_remaining", "provider", "acme")).as("the REST budget, apart")
                .isEqualTo(4999.0);
        assertThat(metrics.value("catalog_github_graphql_queries_total", "provider", "acme")).isGreaterThanOrEqualTo(3.0);
        assertThat(github.gets("/repos/acme/bulk-.*")).as("no repository read through REST").isZero();
        assertThat(CatalogApi.entity("component", "bulk-001")).isNotNull();
        assertThat(given().get("/api/admin/locations").then().extract().jsonPath()
                .getList("findAll { it.source == 'provider' && it.target.contains('/acme/bulk-') }").size())
                .as("a location per descriptor, none for the ten repositories without one").isEqualTo(110);

        github.resetRequests();
        String target = github.webBase() + "/acme/bulk-007/blob/main/catalog-info.yaml";
        Object readBefore = sql.value("SELECT last_read_at FROM locations WHERE target = ?", target);
        sql.update("UPDATE locations SET next_refresh_at = now() WHERE target = ?", target);
        await().atMost(WAIT).until(() -> !readBefore.equals(sql.value("SELECT last_read_at FROM locations WHERE target = ?", target)));
        assertThat(github.requests()).as("the refresh loop's read of a descriptor the scan read asks GitHub nothing").isZero();
    }

    @Test
    void whatGraphQlCannotAnswerIsReadThroughRestOneRepositoryAtATime() {
        github.repositories("acme", List.of(withDescriptor("bulk-fallback", "team-a")), 100);
        github.graphqlFailing(502);

        scan("acme");

        awaitOwner("bulk-fallback", "team-a");
        assertThat(github.gets("/repos/acme/bulk-fallback/contents/catalog-info.yaml")).as("looked for through REST").isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRepositoryReadAgainThroughRestNoLongerServesTheTextGraphQlReadBefore() {
        GitHubStub.Repo repo = servedByAScan("bulk-then-rest");

        github.file(repo.fullName(), "main", "catalog-info.yaml", Descriptors.component("bulk-then-rest", "team-b"));
        github.graphqlFailing(502);
        pushedAndScanned(repo, "2026-11-20");

        awaitOwner("bulk-then-rest", "team-b");
    }

    @Test
    void graphQlsOwnLimitSendsReadsThroughRestUntilItsResetAndLeavesTheRestBudgetAlone() {
        Instant reset = Instant.now().plusSeconds(3);
        github.repositories("acme", List.of(withDescriptor("bulk-limited", "team-a")), 100);
        github.graphqlRateLimited(reset);

        scan("acme");
        awaitOwner("bulk-limited", "team-a");
        assertThat(github.gets("/repos/acme/bulk-limited/contents/catalog-info.yaml")).as("read through REST").isGreaterThanOrEqualTo(1);
        assertThat(clients.stats("acme").blockedUntil()).as("GraphQL's limit is not the REST budget's").isNull();

        github.recover();
        github.resetRequests();
        pushedAndScanned(withDescriptor("bulk-limited", "team-b"), "2026-11-20");
        assertThat(github.graphqlQueries()).as("no query before GitHub's reset").isZero();

        await().atMost(WAIT).until(() -> Instant.now().isAfter(reset.plusSeconds(1)));
        pushedAndScanned(withDescriptor("bulk-limited", "team-c"), "2026-11-21");
        awaitOwner("bulk-limited", "team-c");
        assertThat(github.graphqlQueries()).as("GraphQL again after the reset").isEqualTo(1);
    }

    /** Provider strict here: this leaves its GraphQL unasked for an hour, which its other tests do not mind. */
    @Test
    void aGitHubWithoutGraphQlIsReadThroughRestAndNotAskedAgainAtEveryScan() {
        GitHubStub.Repo repo = GitHubStub.Repo.of("strict-org/svc-no-graphql");
        github.file(repo.fullName(), GitHubTestResource.STRICT_BRANCH, "catalog-info.yaml", Descriptors.component("svc-no-graphql", "team-a"));
        github.organization("strict-org");
        github.repositories("strict-org", List.of(repo), 100);
        github.graphqlFailing(404);

        given().post("/api/admin/providers/{id}/scan", "strict").then().statusCode(200);
        awaitOwner("svc-no-graphql", "team-a");
        github.repositories("strict-org", List.of(repo.pushedAt(Instant.parse("2026-11-20T10:00:00Z"))), 100);
        given().post("/api/admin/providers/{id}/scan", "strict").then().statusCode(200);

        assertThat(github.graphqlRequests()).as("asked once").isEqualTo(1);
        assertThat(github.gets("/repos/strict-org/svc-no-graphql/contents/catalog-info.yaml")).as("read through REST")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRefreshByHandReadsTheDescriptorFromGitHubNotTheScansText() {
        servedByAScan("bulk-refreshed");

        github.file("acme/bulk-refreshed", "main", "catalog-info.yaml", Descriptors.component("bulk-refreshed", "team-b"));
        CatalogApi.refresh("component:default/bulk-refreshed"); // a missed webhook: the operator refreshes by hand

        assertThat(ownerOf("bulk-refreshed")).isEqualTo("team-b");
    }

    @Test
    void graphQlSayingADescriptorIsGoneIsConfirmedThroughRestBeforeItsLocationGoes() {
        GitHubStub.Repo repo = servedByAScan("bulk-confirmed");

        github.hiddenFromGraphQl(repo.fullName(), "main", "catalog-info.yaml");
        pushedAndScanned(repo, "2026-11-20");

        assertThat(github.gets("/repos/acme/bulk-confirmed/contents/catalog-info.yaml")).as("asked through REST").isGreaterThanOrEqualTo(1);
        assertThat(ownerOf("bulk-confirmed")).as("the contents API has it: it stays").isEqualTo("team-a");

        github.missingFile(repo.fullName(), "main", "catalog-info.yaml");
        pushedAndScanned(repo, "2026-11-21");
        awaitGone("bulk-confirmed");
    }

    @Test
    void aPushNamingADescriptorTheScanReadHasItReadFromGitHubAgain() {
        servedByAScan("bulk-pushed");

        github.file("acme/bulk-pushed", "main", "catalog-info.yaml", Descriptors.component("bulk-pushed", "team-b"));
        changes.filesChanged(clients.provider("acme").orElseThrow(), "acme/bulk-pushed", "main", List.of("catalog-info.yaml"), List.of());

        awaitOwner("bulk-pushed", "team-b");
    }

    @Test
    void aRescanAfterAPushServesTheTextTheNewQueryRead() {
        GitHubStub.Repo repo = servedByAScan("bulk-rescanned");

        github.file(repo.fullName(), "main", "catalog-info.yaml", Descriptors.component("bulk-rescanned", "team-b"));
        pushedAndScanned(repo, "2026-11-20");

        awaitOwner("bulk-rescanned", "team-b");
        assertThat(github.graphqlLookups("acme/bulk-rescanned")).as("looked into once per scan that found it changed").isEqualTo(2);
        assertThat(github.gets("/repos/acme/bulk-rescanned/contents/.*")).as("never through REST").isZero();
    }
}
