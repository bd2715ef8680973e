package io.catalog.graph.github;

import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.Descriptors;
import io.catalog.graph.testing.GitHubOrgStub;
import io.catalog.graph.testing.GitHubStub;
import io.catalog.graph.testing.GitHubTestResource;
import io.catalog.graph.testing.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.catalog.graph.testing.Discovery.awaitAllRead;
import static io.catalog.graph.testing.Discovery.awaitEntity;
import static io.catalog.graph.testing.Discovery.awaitGone;
import static io.catalog.graph.testing.Discovery.scan;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Discovery against a local GitHub, through the real github-api client: what a scan finds, what it costs, and that
 * GitHub failing never removes anything.
 */
@QuarkusTest
@TestProfile(GitHubTestResource.Profile.class)
class GitHubDiscoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    RepositoryChanges changes;
    @Inject
    GitHubClients clients;

    private final GitHubStub github = GitHubTestResource.github();

    @BeforeEach
    void freshGitHub() {
        github.reset();
        github.recover();
        emptyOrganization();
        github.organization("mono-org");
        github.repositories("mono-org", List.of(), 100);
        github.organization("strict-org");
    }

    // ---- helpers ----

    /** Organisation acme with no teams or members: the scans of provider acme read its teams and members too. */
    private void emptyOrganization() {
        new GitHubOrgStub(github).serve(GitHubOrgStub.Org.of("acme", List.of(), List.of()), 100);
    }

    private String blob(String fullName, String path) {
        return github.webBase() + "/" + fullName + "/blob/main/" + path;
    }

    /** Repositories of acme: {@code first} and {@code last} with a descriptor, {@code bare} between them without one. */
    private List<GitHubStub.Repo> descriptorsAround(String first, int bare, String last) {
        List<GitHubStub.Repo> repos = new java.util.ArrayList<>();
        repos.add(withDescriptor(GitHubStub.Repo.of("acme/" + first)));
        for (int i = 0; i < bare; i++) {
            GitHubStub.Repo without = GitHubStub.Repo.of("acme/" + first + "-bare-" + i);
            github.missingFile(without.fullName(), "main", "catalog-info.yaml");
            repos.add(without);
        }
        repos.add(withDescriptor(GitHubStub.Repo.of("acme/" + last)));
        return repos;
    }

    /** A repository of mono-org whose one descriptor, at its root, is Component {@code component}: scanned and served. */
    private GitHubStub.Repo monoRepositoryServed(String name, String component) {
        GitHubStub.Repo repo = GitHubStub.Repo.of("mono-org/" + name);
        github.tree(repo.fullName(), "main", List.of("catalog-info.yaml"), false);
        github.file(repo.fullName(), "main", "catalog-info.yaml", Descriptors.component(component, "team-a"));
        github.repositories("mono-org", List.of(repo), 100);
        scan("mono");
        awaitEntity(component);
        return repo;
    }

    /** A repository of acme with a Component descriptor named as the repository. */
    private GitHubStub.Repo withDescriptor(GitHubStub.Repo repo) {
        github.file(repo.fullName(), repo.defaultBranch(), "catalog-info.yaml", Descriptors.component(repo.name(), "team-a"));
        return repo;
    }

    /** A repository of strict-org with a Component descriptor named as the repository on the branch provider strict reads. */
    private GitHubStub.Repo onStrictBranch(GitHubStub.Repo repo) {
        github.file(repo.fullName(), GitHubTestResource.STRICT_BRANCH, "catalog-info.yaml", Descriptors.component(repo.name(), "release-team"));
        return repo;
    }

    private String strictBlob(GitHubStub.Repo repo) {
        return github.webBase() + "/" + repo.fullName() + "/blob/" + GitHubTestResource.STRICT_BRANCH + "/catalog-info.yaml";
    }

    // ---- what a scan finds ----

    @Test
    void aScanFindsTheDescriptorsOfTheRepositoriesTheFiltersTake() {
        GitHubStub.Repo plain = withDescriptor(GitHubStub.Repo.of("acme/full-plain"));
        GitHubStub.Repo fork = withDescriptor(GitHubStub.Repo.of("acme/full-fork").fork(true));
        GitHubStub.Repo secret = withDescriptor(GitHubStub.Repo.of("acme/full-secret").visibility("private"));
        GitHubStub.Repo archived = withDescriptor(GitHubStub.Repo.of("acme/full-archived").archived(true));
        GitHubStub.Repo bare = GitHubStub.Repo.of("acme/full-bare");
        github.missingFile(bare.fullName(), "main", "catalog-info.yaml");
        github.repositories("acme", List.of(plain, fork, secret, archived, bare), 100);

        JsonPath summary = scan("acme");

        assertThat(summary.getString("status")).isEqualTo("ok");
        assertThat(summary.getInt("repositoriesSeen")).isEqualTo(5);
        assertThat(summary.getInt("repositoriesMatched")).as("archived ones are left out by default").isEqualTo(4);
        assertThat(summary.getList("errors")).as("a repository without a descriptor is no error").isEmpty();
        awaitEntity("full-plain");
        awaitEntity("full-fork");
        awaitEntity("full-secret");
        assertThat(CatalogApi.entity("component", "full-archived")).isNull();
        assertThat(github.gets("/repos/acme/full-archived/.*")).as("an archived repository is not even looked into").isZero();
    }

    @Test
    void entitiesCarryGitHubsLinksAsBackstageSetsThem() {
        GitHubStub.Repo repo = withDescriptor(GitHubStub.Repo.of("acme/links-service"));
        github.repositories("acme", List.of(repo), 100);

        scan("acme");

        Map<String, String> annotations = awaitEntity("links-service").getMap("metadata.annotations");
        String blob = blob("acme/links-service", "catalog-info.yaml");
        assertThat(annotations).containsEntry("backstage.io/managed-by-location", "url:" + blob)
                .containsEntry("backstage.io/managed-by-origin-location", "url:" + blob)
                .containsEntry("backstage.io/source-location", "url:" + github.webBase() + "/acme/links-service/tree/main/")
                .containsEntry("backstage.io/view-url", blob)
                .containsEntry("backstage.io/edit-url", github.webBase() + "/acme/links-service/edit/main/catalog-info.yaml");
    }

    @Test
    void aLinkTheDescriptorSetsItselfIsKept() {
        GitHubStub.Repo repo = GitHubStub.Repo.of("acme/links-own");
        github.file(repo.fullName(), "main", "catalog-info.yaml", Descriptors.component("links-own", "team-a")
                .replace("  name: links-own\n", "  name: links-own\n  annotations:\n    backstage.io/source-location: url:https://example.com/elsewhere/\n"));
        github.repositories("acme", List.of(repo), 100);

        scan("acme");

        assertThat(awaitEntity("links-own").getString("metadata.annotations.'backstage.io/source-location'"))
                .isEqualTo("url:https://example.com/elsewhere/");
    }

    @Test
    void descriptorsAtAnyDepthOfAMonorepoAreFoundThroughTheTreeAndOneFailingFileBlocksNoOtherAndIsReadAgainSoon() {
        GitHubStub.Repo platform = GitHubStub.Repo.of("mono-org/nest-platform");
        GitHubStub.Repo excluded = GitHubStub.Repo.of("mono-org/nest-excluded").topics("no-catalog");
        github.tree(platform.fullName(), "main", List.of("catalog-info.yaml", "services/a/catalog-info.yaml",
                "services/b/catalog-info.yaml", "services/b/src/Main.java", "docs/readme.md"), false);
        github.file(platform.fullName(), "main", "catalog-info.yaml", Descriptors.component("nest-root", "team-a"));
        github.file(platform.fullName(), "main", "services/a/catalog-info.yaml", Descriptors.component("nest-a", "team-a"));
        github.failing("/repos/mono-org/nest-platform/contents/services/b/catalog-info.yaml", 500);
        github.tree(excluded.fullName(), "main", List.of("catalog-info.yaml"), false);
        github.repositories("mono-org", List.of(platform, excluded), 100);

        JsonPath summary = scan("mono");

        assertThat(summary.getInt("repositoriesMatched")).as("the excluded topic is read from the listing").isEqualTo(1);
        awaitEntity("nest-root");
        awaitEntity("nest-a");
        String failing = blob("mono-org/nest-platform", "services/b/catalog-info.yaml");
        await().atMost(WAIT).until(() -> {
            Map<String, Object> state = CatalogApi.locationState(failing);
            return state != null && "failed".equals(state.get("status"));
        });
        assertThat(github.gets("/repos/mono-org/nest-excluded/.*")).isZero();

        // GitHub recovers: the failed file is read again soon (catalog.refresh.provider-retry), with no scan or push
        github.recover();
        github.file(platform.fullName(), "main", "services/b/catalog-info.yaml", Descriptors.component("nest-b", "team-a"));
        awaitEntity("nest-b");
    }

    // ---- the filters of a provider, as configured ----

    @Test
    void aProvidersFiltersLeaveOutForksPrivateAndArchivedRepositoriesAndNamesTheirPatternDoesNotMatchWhole() {
        // provider strict: filters.repository=svc-.*, visibility public, no forks, archived ones left out by default
        GitHubStub.Repo taken = onStrictBranch(GitHubStub.Repo.of("strict-org/svc-filtered"));
        GitHubStub.Repo fork = onStrictBranch(GitHubStub.Repo.of("strict-org/svc-filtered-fork").fork(true));
        GitHubStub.Repo secret = onStrictBranch(GitHubStub.Repo.of("strict-org/svc-filtered-secret").visibility("private"));
        GitHubStub.Repo archived = onStrictBranch(GitHubStub.Repo.of("strict-org/svc-filtered-archived").archived(true));
        GitHubStub.Repo unmatched = onStrictBranch(GitHubStub.Repo.of("strict-org/legacy-svc-filtered"));
        github.repositories("strict-org", List.of(taken, fork, secret, archived, unmatched), 100);

        JsonPath summary = scan("strict");

        assertThat(summary.getString("status")).isEqualTo("ok");
        assertThat(summary.getInt("repositoriesSeen")).isEqualTo(5);
        assertThat(summary.getInt("repositoriesMatched")).isEqualTo(1);
        awaitEntity("svc-filtered");
        awaitAllRead();
        for (GitHubStub.Repo left : List.of(fork, secret, archived, unmatched)) {
            assertThat(CatalogApi.entity("component", left.name())).as(left.name()).isNull();
            assertThat(CatalogApi.locationState(strictBlob(left))).as(left.name()).isNull();
            assertThat(github.gets("/repos/" + left.fullName() + "/.*")).as(left.name() + " is not even looked into").isZero();
        }
    }

    @Test
    void aProviderWithABranchConfiguredReadsThatBranchAndNotTheDefaultOne() {
        GitHubStub.Repo repo = onStrictBranch(GitHubStub.Repo.of("strict-org/svc-branched"));
        github.file(repo.fullName(), repo.defaultBranch(), "catalog-info.yaml", Descriptors.component("svc-branched", "main-team"));
        github.repositories("strict-org", List.of(repo), 100);

        scan("strict");

        JsonPath served = awaitEntity("svc-branched");
        assertThat(served.getString("spec.owner")).isEqualTo("release-team");
        assertThat(served.getString("metadata.annotations.'backstage.io/managed-by-location'")).isEqualTo("url:" + strictBlob(repo));
        assertThat(served.getString("metadata.annotations.'backstage.io/source-location'"))
                .isEqualTo("url:" + github.webBase() + "/strict-org/svc-branched/tree/" + GitHubTestResource.STRICT_BRANCH + "/");
    }

    // ---- what a scan costs ----

    @Test
    void anUnchangedRescanMakesOnlyConditionalRequests() {
        // two pages of 100 (the client's page size): two descriptors, the other repositories without one
        List<GitHubStub.Repo> repos = descriptorsAround("cost-a", 100, "cost-z");
        github.repositories("acme", repos, 100);
        assertThat(scan("acme").getInt("repositoriesRead")).isEqualTo(102);
        awaitEntity("cost-a");
        awaitEntity("cost-z");
        awaitAllRead();
        github.resetRequests();

        JsonPath again = scan("acme");

        assertThat(github.costlyRequests()).as("every answer a 304 (listing pages, the organisation's teams and members),"
                + " no repository read again").isZero();
        assertThat(github.gets("/(orgs/acme|organizations/\\d+)/repos")).as("the two pages of the listing").isEqualTo(2);
        assertThat(again.getInt("repositoriesRead")).isZero();
        assertThat(again.getLong("notModified")).isEqualTo(again.getLong("requests"));
    }

    @Test
    void aPushedRepositoryIsTheOnlyOneReadAgain() {
        GitHubStub.Repo quiet = withDescriptor(GitHubStub.Repo.of("acme/push-quiet"));
        GitHubStub.Repo busy = withDescriptor(GitHubStub.Repo.of("acme/push-busy"));
        github.repositories("acme", List.of(quiet, busy), 100);
        scan("acme");
        awaitEntity("push-busy");
        awaitAllRead();
        github.resetRequests();

        GitHubStub.Repo pushed = busy.pushedAt(Instant.parse("2026-12-01T09:00:00Z"));
        github.file(pushed.fullName(), "main", "catalog-info.yaml", Descriptors.component("push-busy", "team-b"));
        github.repositories("acme", List.of(quiet, pushed), 100);
        JsonPath summary = scan("acme");

        assertThat(summary.getInt("repositoriesRead")).isEqualTo(1);
        assertThat(github.gets("/repos/acme/push-quiet/.*")).isZero();
        await().atMost(WAIT).until(() -> "team-b".equals(CatalogApi.entity("component", "push-busy").getString("spec.owner")));
    }

    // ---- leaving and moving ----

    @Test
    void anArchivedRepositoryLosesItsEntities() {
        GitHubStub.Repo repo = withDescriptor(GitHubStub.Repo.of("acme/arch-service"));
        github.repositories("acme", List.of(repo), 100);
        scan("acme");
        awaitEntity("arch-service");

        github.repositories("acme", List.of(repo.archived(true)), 100);
        scan("acme");

        awaitGone("arch-service");
        assertThat(CatalogApi.locationState(blob("acme/arch-service", "catalog-info.yaml"))).isNull();
    }

    @Test
    void aVanishedRepositoryLosesItsEntities() {
        GitHubStub.Repo stays = withDescriptor(GitHubStub.Repo.of("acme/gone-stays"));
        GitHubStub.Repo goes = withDescriptor(GitHubStub.Repo.of("acme/gone-goes"));
        github.repositories("acme", List.of(stays, goes), 100);
        scan("acme");
        awaitEntity("gone-goes");

        github.repositories("acme", List.of(stays), 100);
        scan("acme");

        awaitGone("gone-goes");
        assertThat(CatalogApi.entity("component", "gone-stays")).isNotNull();
    }

    @Test
    void aRenamedRepositoryKeepsItsEntitiesWhichFollowTheNewName() {
        GitHubStub.Repo before = withDescriptor(GitHubStub.Repo.of("acme/move-old"));
        github.repositories("acme", List.of(before), 100);
        scan("acme");
        String uid = awaitEntity("move-old").getString("metadata.uid");

        github.renamed("acme/move-old", "acme/move-new");
        GitHubStub.Repo after = GitHubStub.Repo.of("acme/move-new");
        github.file(after.fullName(), "main", "catalog-info.yaml", Descriptors.component("move-old", "team-a"));
        github.repositories("acme", List.of(after), 100);
        scan("acme");

        String moved = blob("acme/move-new", "catalog-info.yaml");
        await().atMost(WAIT).until(() -> ("url:" + moved).equals(
                CatalogApi.entity("component", "move-old").getString("metadata.annotations.'backstage.io/managed-by-location'")));
        assertThat(CatalogApi.entity("component", "move-old").getString("metadata.uid")).as("the same entity").isEqualTo(uid);
    }

    @Test
    void aRenameReportedByAWebhookRetargetsTheLocationsInPlace() {
        GitHubStub.Repo before = withDescriptor(GitHubStub.Repo.of("acme/hook-old"));
        github.repositories("acme", List.of(before), 100);
        scan("acme");
        awaitEntity("hook-old");
        String id = (String) CatalogApi.locationState(blob("acme/hook-old", "catalog-info.yaml")).get("id");

        github.renamed("acme/hook-old", "acme/hook-new");
        GitHubStub.Repo after = GitHubStub.Repo.of("acme/hook-new");
        github.file(after.fullName(), "main", "catalog-info.yaml", Descriptors.component("hook-old", "team-a"));
        github.repositories("acme", List.of(after), 100);
        changes.repositoryRenamed(clients.provider("acme").orElseThrow(), "acme/hook-old", "acme/hook-new");

        Map<String, Object> state = CatalogApi.locationState(blob("acme/hook-new", "catalog-info.yaml"));
        assertThat(state).isNotNull();
        assertThat(state.get("id")).as("the same location, re-targeted").isEqualTo(id);
        assertThat(CatalogApi.entity("component", "hook-old")).as("never gone meanwhile").isNotNull();
    }

    @Test
    void aPushReportedByAWebhookAddsAndRemovesDescriptorsOfAMonorepo() {
        GitHubStub.Repo repo = monoRepositoryServed("push-mono", "push-mono-root");
        GitHubProviderSettings mono = clients.provider("mono").orElseThrow();

        github.file(repo.fullName(), "main", "services/new/catalog-info.yaml", Descriptors.component("push-mono-new", "team-a"));
        changes.filesChanged(mono, repo.fullName(), "main", List.of("services/new/catalog-info.yaml", "README.md"), List.of());
        awaitEntity("push-mono-new");

        changes.filesChanged(mono, repo.fullName(), "main", List.of(), List.of("catalog-info.yaml"));
        awaitGone("push-mono-root");
        assertThat(CatalogApi.entity("component", "push-mono-new")).isNotNull();

        changes.filesChanged(mono, repo.fullName(), "feature", List.of(), List.of("services/new/catalog-info.yaml"));
        assertThat(CatalogApi.entity("component", "push-mono-new")).as("another branch than the tracked one").isNotNull();
    }

    @Test
    void readingADiscoveredDescriptorCostsNoRequestForItsRepositoryOrItsContents() {
        GitHubStub.Repo repo = withDescriptor(GitHubStub.Repo.of("acme/handle-service"));
        github.repositories("acme", List.of(repo), 100);

        scan("acme");
        awaitEntity("handle-service");
        awaitAllRead();

        assertThat(github.gets("/repos/acme/handle-service")).as("the listing gave the repository").isZero();
        assertThat(github.gets("/repos/acme/handle-service/contents/.*"))
                .as("the scan's GraphQL query gave the text, and the refresh loop served it").isZero();
        assertThat(github.graphqlLookups("acme/handle-service")).isEqualTo(1);
    }

    // ---- teams and members, read by the same scan ----

    @Test
    void aScanAlsoReadsTheOrganisationsTeamsAndMembersAndAFailureThereKeepsTheLastGoodOnes() {
        github.repositories("acme", List.of(), 100);
        GitHubOrgStub orgs = new GitHubOrgStub(github);
        orgs.serve(GitHubOrgStub.Org.of("acme", List.of(GitHubOrgStub.Team.of("scanned-team", null, "scanned-user")), "scanned-user"), 100);

        JsonPath summary = scan("acme");

        assertThat(summary.getString("status")).isEqualTo("ok");
        assertThat(summary.getString("organizations[0].organization")).isEqualTo("acme");
        assertThat(summary.getString("organizations[0].status")).isEqualTo("ok");
        assertThat(summary.getInt("organizations[0].teams")).isEqualTo(1);
        assertThat(summary.getInt("organizations[0].users")).isEqualTo(1);
        await().atMost(WAIT).until(() -> CatalogApi.entity("user", "scanned-user"), e -> e != null);
        assertThat(CatalogApi.entity("user", "scanned-user").getList("spec.memberOf", String.class)).containsExactly("scanned-team");
        assertThat(CatalogApi.entity("group", "scanned-team")).isNotNull();
        assertThat(given().get("/api/admin/providers").then().statusCode(200).extract().jsonPath()
                .getString("providers.find { it.id == 'acme' }.scans[0].organizations[0].status")).isEqualTo("ok");

        github.failing("/orgs/acme/teams", 502);
        JsonPath failed = scan("acme");

        assertThat(failed.getString("status")).as("the repositories were read; the teams were not").isEqualTo("partial");
        assertThat(failed.getString("organizations[0].status")).isEqualTo("failed");
        assertThat(failed.getList("errors", String.class)).anySatisfy(e -> assertThat(e).contains("teams and members"));
        assertThat(CatalogApi.entity("group", "scanned-team")).as("the last good teams stay").isNotNull();
        assertThat(CatalogApi.entity("user", "scanned-user")).isNotNull();
    }

    // ---- GitHub failing ----

    @Test
    void anOutageRemovesNothing() {
        GitHubStub.Repo repo = withDescriptor(GitHubStub.Repo.of("acme/outage-service"));
        github.repositories("acme", List.of(repo), 100);
        scan("acme");
        awaitEntity("outage-service");

        github.failing("/orgs/acme/repos", 502);
        JsonPath summary = scan("acme");

        assertThat(summary.getString("status")).isEqualTo("failed");
        assertThat(summary.getList("errors", String.class)).singleElement().asString().contains("HTTP 502");
        assertThat(CatalogApi.entity("component", "outage-service")).isNotNull();
        assertThat(CatalogApi.locationState(blob("acme/outage-service", "catalog-info.yaml"))).isNotNull();
    }

    @Test
    void aGitHubThatStallsDuringAScanIsGivenUpOnAndRemovesNothing() {
        GitHubStub.Repo repo = monoRepositoryServed("stall-service", "stall-service");
        awaitAllRead();

        // every answer comes after the client's deadline (catalog.reading.timeout, 10 s by default)
        github.stalling("/.*", 12_000);
        JsonPath summary = scan("mono");
        github.recover();

        assertThat(summary.getString("status")).isEqualTo("failed");
        assertThat(summary.getList("errors", String.class)).singleElement().asString().contains("did not answer");
        assertThat(CatalogApi.entity("component", "stall-service")).isNotNull();
        assertThat(CatalogApi.locationState(blob(repo.fullName(), "catalog-info.yaml"))).isNotNull();
        assertThat(given().get("/api/admin/providers").then().statusCode(200).extract().jsonPath()
                .getString("providers.find { it.id == 'mono' }.scans[0].status")).isEqualTo("failed");
    }

    @Test
    void aSecondPageOfTheListingThatFailsRemovesNoneOfItsRepositories() {
        // two pages of 100 (the client's page size): a descriptor on each page, the other repositories without one
        List<GitHubStub.Repo> repos = descriptorsAround("page-one", 99, "page-two");
        github.repositories("acme", repos, 100);
        assertThat(scan("acme").getString("status")).isEqualTo("ok");
        awaitEntity("page-one");
        awaitEntity("page-two");

        github.failing("/organizations/\\d+/repos", 502);
        JsonPath summary = scan("acme");

        assertThat(summary.getString("status")).as("the first page was read").isEqualTo("partial");
        assertThat(summary.getInt("repositoriesSeen")).isEqualTo(100);
        assertThat(summary.getList("errors", String.class)).anySatisfy(e -> assertThat(e).contains("HTTP 502"));
        assertThat(CatalogApi.entity("component", "page-two")).as("listed on the page GitHub failed").isNotNull();
        assertThat(CatalogApi.locationState(blob("acme/page-two", "catalog-info.yaml"))).isNotNull();
        assertThat(CatalogApi.entity("component", "page-one")).isNotNull();
    }

    @Test
    void aRateLimitStopsTheScanSaysUntilWhenAndRemovesNothing() {
        GitHubStub.Repo repo = withDescriptor(GitHubStub.Repo.of("acme/limit-service"));
        github.repositories("acme", List.of(repo), 100);
        scan("acme");
        awaitEntity("limit-service");

        Instant reset = Instant.now().plusSeconds(2);
        github.rateLimited("/orgs/acme/repos", reset);
        JsonPath summary = scan("acme");

        assertThat(summary.getString("status")).isEqualTo("rate-limited");
        assertThat(Instant.parse(summary.getString("blockedUntil"))).isEqualTo(Instant.ofEpochSecond(reset.getEpochSecond()));
        assertThat(summary.getLong("rateLimitRemaining")).isZero();
        assertThat(CatalogApi.entity("component", "limit-service")).isNotNull();
        github.recover();
        await().atMost(WAIT).until(() -> clients.stats("acme").blockedUntil() == null);
    }

    @Test
    void aScanWhileGitHubAsksToWaitMakesNoRequest() {
        github.secondaryRateLimited("/orgs/acme/repos", 429, 3);
        assertThat(scan("acme").getString("status")).isEqualTo("rate-limited");
        github.resetRequests();

        JsonPath again = scan("acme");

        assertThat(again.getString("status")).isEqualTo("rate-limited");
        assertThat(github.requests()).isZero();
        github.recover();
        await().atMost(WAIT).until(() -> clients.stats("acme").blockedUntil() == null);
    }

    @Test
    void theRemainingBudgetAndTheScansAreMetrics() {
        github.rateLimitRemaining(4321);
        github.repositories("acme", List.of(), 100);
        emptyOrganization();
        try {
            scan("acme");
        } finally {
            github.rateLimitRemaining(4999);
        }

        Metrics metrics = Metrics.scrape();
        assertThat(metrics.value("catalog_github_rate_limit_remaining", "provider", "acme")).isEqualTo(4321.0);
        assertThat(metrics.value("catalog_github_scan_seconds_count", "provider", "acme", "status", "ok")).isGreaterThanOrEqualTo(1.0);
        assertThat(metrics.value("catalog_github_requests_total", "provider", "acme")).isGreaterThanOrEqualTo(1.0);
    }

    // ---- the operator's routes ----

    @Test
    void providersAreListedWithTheirLastScansNewestFirst() {
        github.repositories("acme", List.of(), 100);
        scan("acme");
        scan("acme");

        JsonPath view = given().get("/api/admin/providers").then().statusCode(200).extract().jsonPath();

        assertThat(view.getList("providers.id", String.class)).containsExactly("acme", "mono", "strict");
        assertThat(view.getList("providers.find { it.id == 'acme' }.organizations", String.class)).containsExactly("acme");
        assertThat(view.getString("providers.find { it.id == 'acme' }.type")).isEqualTo("github");
        List<Map<String, Object>> scans = view.getList("providers.find { it.id == 'acme' }.scans");
        assertThat(scans.size()).isGreaterThanOrEqualTo(2);
        assertThat(scans.get(0)).containsKeys("startedAt", "finishedAt", "status", "repositoriesSeen", "repositoriesMatched",
                "locations", "requests", "notModified", "rateLimitRemaining", "rateLimitReset", "errors");
        assertThat(Instant.parse((String) scans.get(0).get("startedAt"))).isAfterOrEqualTo(Instant.parse((String) scans.get(1).get("startedAt")));
    }

    @Test
    void scanningAnUnknownProviderIsA404InBackstagesErrorShape() {
        JsonPath error = given().post("/api/admin/providers/{id}/scan", "nope").then().statusCode(404).extract().jsonPath();

        assertThat(error.getString("error.name")).isEqualTo("NotFoundError");
        assertThat(error.getString("request.method")).isEqualTo("POST");
        assertThat(error.getInt("response.statusCode")).isEqualTo(404);
    }

    @Test
    void aScanNeedsAToken() throws Exception {
        github.resetRequests();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/admin/providers/acme/scan"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(github.requests()).isZero();
    }
}
