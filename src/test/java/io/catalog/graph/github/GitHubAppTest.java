package io.catalog.graph.github;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.Descriptors;
import io.catalog.graph.testing.GitHubAppKeys;
import io.catalog.graph.testing.GitHubAppStub;
import io.catalog.graph.testing.GitHubAppTestResource;
import io.catalog.graph.testing.GitHubOrgStub;
import io.catalog.graph.testing.GitHubStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.catalog.graph.testing.GitHubAppTestResource.APP_ID;
import static io.catalog.graph.testing.GitHubAppTestResource.LIMITED_ORGANIZATION;
import static io.catalog.graph.testing.GitHubAppTestResource.ONE_INSTALLATION;
import static io.catalog.graph.testing.GitHubAppTestResource.RELEASE_BRANCH;
import static io.catalog.graph.testing.GitHubAppTestResource.RELEASE_ORGANIZATION;
import static io.catalog.graph.testing.Discovery.awaitAllRead;
import static io.catalog.graph.testing.Discovery.awaitEntity;
import static io.catalog.graph.testing.Discovery.awaitGone;
import static io.catalog.graph.testing.Discovery.scan;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Discovery through a GitHub App against a local GitHub, with the real github-api client: the App authenticates with
 * an RS256 JWT signed by its private key, trades it for an installation token per installation, and reads each
 * installation's repositories with that token.
 */
@QuarkusTest
@TestProfile(GitHubAppTestResource.Profile.class)
class GitHubAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final GitHubAppStub.Installation ACME_A = GitHubAppStub.Installation.organization(101, "acme-a");
    private static final GitHubAppStub.Installation ACME_B = GitHubAppStub.Installation.organization(ONE_INSTALLATION, "acme-b");

    @Inject
    GitHubClients clients;

    private final GitHubStub github = GitHubAppTestResource.github();
    private final GitHubAppStub app = new GitHubAppStub(github, APP_ID);

    @BeforeEach
    void freshGitHub() {
        github.reset();
        github.recover();
    }

    // ---- helpers ----

    /** An organisation installation's repositories, and its (empty) teams and members. */
    private void organization(GitHubAppStub.Installation installation, GitHubStub.Repo... repos) {
        new GitHubOrgStub(github).serve(GitHubOrgStub.Org.of(installation.account(), List.of(), List.of()), 100);
        github.repositories(installation.account(), List.of(repos), 100);
    }

    /** A repository with a Component descriptor named as the repository. */
    private GitHubStub.Repo withDescriptor(String fullName) {
        GitHubStub.Repo repo = GitHubStub.Repo.of(fullName);
        github.file(fullName, repo.defaultBranch(), "catalog-info.yaml", Descriptors.component(repo.name(), "team-a"));
        return repo;
    }

    /** Every request to the App's endpoints carried an RS256 JWT the App's key signed, issued by the App, short-lived. */
    private static void assertSignedByTheApp(List<ServeEvent> requests) {
        assertThat(requests).isNotEmpty().allSatisfy(request -> {
            GitHubAppKeys.Jwt jwt = GitHubAppTestResource.keys().verify(request.getRequest().getHeader("Authorization"));
            assertThat(jwt.claims().path("iss").asText()).isEqualTo(Long.toString(APP_ID));
            long issued = jwt.claims().path("iat").asLong();
            long expires = jwt.claims().path("exp").asLong();
            assertThat(expires).isGreaterThan(Instant.now().getEpochSecond());
            assertThat(expires - issued).as("GitHub refuses a JWT valid for more than 10 minutes").isPositive().isLessThanOrEqualTo(600);
        });
    }

    /** Every request matching {@code pathRegex} carried the installation's token. */
    private void assertInstallationToken(String pathRegex, long installation) {
        String token = GitHubAppStub.token(installation);
        assertThat(app.authorizations(pathRegex)).isNotEmpty().allSatisfy(header -> assertThat(header).isIn("token " + token, "Bearer " + token));
    }

    /** Every GraphQL query that looked into {@code owner}'s repositories carried the installation's token. */
    private void assertGraphQlWithInstallationToken(String owner, long installation) {
        String token = GitHubAppStub.token(installation);
        assertThat(github.served().stream().filter(e -> e.getRequest().getUrl().startsWith("/api/graphql"))
                .filter(e -> e.getRequest().getBodyAsString().contains("\"" + owner + "\""))
                .map(e -> e.getRequest().getHeader("Authorization")).toList())
                .isNotEmpty().allSatisfy(header -> assertThat(header).isIn("token " + token, "Bearer " + token));
    }

    private List<String> tokensCreated() {
        return app.appRequests().stream().filter(e -> e.getRequest().getMethod().getName().equals("POST"))
                .map(e -> e.getRequest().getUrl()).toList();
    }

    // ---- tests ----

    @Test
    void withoutAnOrganisationEveryInstallationIsScannedWithItsOwnToken() {
        app.serve(List.of(ACME_A, ACME_B));
        organization(ACME_A, withDescriptor("acme-a/alpha-service"));
        organization(ACME_B, withDescriptor("acme-b/beta-service"));

        JsonPath summary = scan("apps");

        assertThat(summary.getString("status")).isEqualTo("ok");
        assertThat(summary.getInt("repositoriesSeen")).isEqualTo(2);
        assertThat(summary.getList("organizations.organization", String.class)).containsExactly("acme-a", "acme-b");
        assertThat(awaitEntity("alpha-service").getString("metadata.annotations.'backstage.io/managed-by-location'"))
                .isEqualTo("url:" + github.webBase() + "/acme-a/alpha-service/blob/main/catalog-info.yaml");
        awaitEntity("beta-service");
        assertSignedByTheApp(app.appRequests());
        // a client made earlier (the refresh loop reads a blob with the provider serving its owner) may hold a token already
        assertThat(tokensCreated()).isSubsetOf("/api/v3/app/installations/101/access_tokens",
                "/api/v3/app/installations/" + ONE_INSTALLATION + "/access_tokens");
        assertInstallationToken("/(orgs/acme-a|repos/acme-a/.*)", ACME_A.id());
        assertInstallationToken("/(orgs/acme-b|repos/acme-b/.*)", ACME_B.id());
        assertInstallationToken("/orgs/acme-a/(repos|teams|members)", ACME_A.id());
        assertGraphQlWithInstallationToken("acme-a", ACME_A.id());
        assertGraphQlWithInstallationToken("acme-b", ACME_B.id());
    }

    @Test
    void anInstallationIdScansThatInstallationAlone() {
        app.serve(List.of(ACME_A, ACME_B));
        organization(ACME_A, withDescriptor("acme-a/gamma-service"));
        organization(ACME_B, withDescriptor("acme-b/delta-service"));

        JsonPath summary = scan("one");

        assertThat(summary.getString("status")).isEqualTo("ok");
        assertThat(summary.getList("organizations.organization", String.class)).containsExactly("acme-b");
        awaitEntity("delta-service");
        assertThat(CatalogApi.entity("component", "gamma-service")).isNull();
        assertThat(github.gets("/orgs/acme-a.*")).isZero();
        assertSignedByTheApp(app.appRequests());
        assertThat(tokensCreated()).containsOnly("/api/v3/app/installations/" + ONE_INSTALLATION + "/access_tokens");
        assertInstallationToken("/(orgs/acme-b|repos/acme-b/.*)", ONE_INSTALLATION);
    }

    @Test
    void anInstallationOnAUserAccountIsListedThroughTheInstallationAndLosesWhatLeavesIt() {
        GitHubAppStub.Installation octo = GitHubAppStub.Installation.user(103, "octo-user");
        GitHubAppStub.Installation other = GitHubAppStub.Installation.user(104, "other-user");
        app.serve(List.of(ACME_A, octo, other));
        organization(ACME_A, withDescriptor("acme-a/org-service"));
        GitHubStub.Repo stays = withDescriptor("octo-user/user-stays");
        GitHubStub.Repo goes = withDescriptor("octo-user/user-goes");
        app.installationRepositories(octo, List.of(stays, goes), 100);
        app.installationRepositories(other, List.of(withDescriptor("other-user/other-service")), 100);

        JsonPath summary = scan("apps");

        assertThat(summary.getString("status")).isEqualTo("ok");
        assertThat(summary.getList("errors")).isEmpty();
        assertThat(summary.getInt("repositoriesSeen")).isEqualTo(4);
        assertThat(summary.getList("organizations.organization", String.class)).as("teams and members: of organisations only")
                .containsExactly("acme-a");
        awaitEntity("user-stays");
        awaitEntity("user-goes");
        awaitEntity("other-service");
        awaitEntity("org-service");
        assertThat(github.gets("/(orgs|users)/(octo-user|other-user).*")).as("no organisation data of a user account").isZero();
        assertThat(app.authorizations("/installation/repositories")).as("each installation's own list, with its token")
                .containsExactlyInAnyOrder("token " + GitHubAppStub.token(octo.id()), "token " + GitHubAppStub.token(other.id()));
        assertInstallationToken("/repos/octo-user/.*", octo.id());
        assertInstallationToken("/repos/other-user/.*", other.id());
        awaitAllRead();

        github.resetRequests();
        JsonPath again = scan("apps");
        assertThat(again.getString("status")).isEqualTo("ok");
        assertThat(github.costlyRequests()).as("an unchanged re-scan: each installation's listing answered 304").isZero();
        assertThat(github.gets("/installation/repositories")).isEqualTo(2);

        app.installationRepositories(octo, List.of(stays), 100);
        assertThat(scan("apps").getString("status")).isEqualTo("ok");
        awaitGone("user-goes");
        assertThat(CatalogApi.entity("component", "user-stays")).isNotNull();
    }

    /** Provider {@code limited} stays blocked for a minute afterwards: no other test uses it. */
    @Test
    void aSecondaryLimitWithoutRetryAfterStopsTheProviderForAMinute() {
        GitHubAppStub.Installation limited = GitHubAppStub.Installation.organization(105, LIMITED_ORGANIZATION);
        app.serve(List.of(limited));
        organization(limited, withDescriptor(LIMITED_ORGANIZATION + "/limited-service"));
        github.secondaryRateLimitedWithoutRetryAfter("/orgs/" + LIMITED_ORGANIZATION + "/repos");
        Instant before = Instant.now();

        JsonPath summary = scan("limited");

        assertThat(summary.getString("status")).isEqualTo("rate-limited");
        assertThat(github.gets("/orgs/" + LIMITED_ORGANIZATION + "/installation")).as("an App given its organisation asks for"
                + " that organisation's installation").isEqualTo(1);
        assertInstallationToken("/orgs/" + LIMITED_ORGANIZATION + "/repos", limited.id());
        assertThat(clients.stats("limited").blockedUntil()).as("GitHub: without retry-after, wait at least a minute")
                .isAfterOrEqualTo(before.plusSeconds(60));
        assertThat(Instant.parse(summary.getString("blockedUntil"))).isAfterOrEqualTo(before.plusSeconds(60));

        github.resetRequests();
        JsonPath again = scan("limited");

        assertThat(again.getString("status")).isEqualTo("rate-limited");
        assertThat(github.requests()).as("while GitHub asks to wait, not one request").isZero();
    }

    @Test
    void aBranchWithASlashIsNamedAsGitHubNamesItAndParsedBackToTheSameFile() {
        GitHubAppStub.Installation release = GitHubAppStub.Installation.organization(106, RELEASE_ORGANIZATION);
        app.serve(List.of(release));
        GitHubStub.Repo repo = GitHubStub.Repo.of(RELEASE_ORGANIZATION + "/release-service");
        github.file(repo.fullName(), RELEASE_BRANCH, "catalog-info.yaml", Descriptors.component("release-service", "team-a"));
        organization(release, repo);

        assertThat(scan("release").getString("status")).isEqualTo("ok");

        String web = github.webBase() + "/" + repo.fullName();
        String blob = web + "/blob/release/1.0/catalog-info.yaml";
        JsonPath entity = awaitEntity("release-service");
        assertThat(entity.getMap("metadata.annotations")).containsEntry("backstage.io/managed-by-location", "url:" + blob)
                .containsEntry("backstage.io/source-location", "url:" + web + "/tree/release/1.0/")
                .containsEntry("backstage.io/edit-url", web + "/edit/release/1.0/catalog-info.yaml");
        Object location = CatalogApi.locationState(blob).get("id");

        // a push: the re-scan finds the same file on the same branch, so the same location is read again
        GitHubStub.Repo pushed = repo.pushedAt(Instant.parse("2026-12-01T09:00:00Z"));
        github.file(repo.fullName(), RELEASE_BRANCH, "catalog-info.yaml", Descriptors.component("release-service", "team-b"));
        github.repositories(RELEASE_ORGANIZATION, List.of(pushed), 100);
        JsonPath again = scan("release");

        assertThat(again.getString("status")).isEqualTo("ok");
        assertThat(again.getInt("locations")).isEqualTo(1);
        await().atMost(WAIT).until(() -> "team-b".equals(CatalogApi.entity("component", "release-service").getString("spec.owner")));
        assertThat(CatalogApi.locationState(blob).get("id")).as("the same location").isEqualTo(location);
    }
}
