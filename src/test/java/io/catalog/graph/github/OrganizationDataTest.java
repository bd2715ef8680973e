package io.catalog.graph.github;

import io.catalog.graph.processing.LocationService;
import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.GitHubOrgStub;
import io.catalog.graph.testing.GitHubOrgStub.Org;
import io.catalog.graph.testing.GitHubOrgStub.Team;
import io.catalog.graph.testing.GitHubStub;
import io.catalog.graph.testing.GitHubTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An organisation's teams and members in the catalog: teams as Groups (with their hierarchy), members as Users, read
 * from a local GitHub with the real client; a failed read keeps the last good groups and users; the targeted
 * re-reads a webhook asks for read only what they name. Each test uses its own organisation, teams and logins.
 */
@QuarkusTest
@TestProfile(GitHubTestResource.Profile.class)
class OrganizationDataTest {

    @Inject
    OrganizationSync sync;
    @Inject
    GitHubClients clients;
    @Inject
    LocationStore locations;
    @Inject
    LocationService locationService;

    private GitHubStub github;
    private GitHubOrgStub orgs;
    private GitHubProviderSettings acme;

    @BeforeEach
    void setUp() {
        github = GitHubTestResource.github();
        github.reset();
        github.rateLimitRemaining(4999);
        orgs = new GitHubOrgStub(github);
        acme = clients.provider("acme").orElseThrow();
    }

    /** Reads the organisation from GitHub, then has the catalog read its location now. */
    private OrganizationSync.Summary syncAndServe(String org) {
        OrganizationSync.Summary summary = sync.sync(acme, org);
        serve(org);
        return summary;
    }

    private void serve(String org) {
        locations.idOf(OrganizationSync.location(acme, org)).ifPresent(locationService::refreshNow);
    }

    private static List<String> relations(JsonPath entity, String type) {
        List<Map<String, String>> relations = entity.getList("relations");
        return relations.stream().filter(r -> r.get("type").equals(type)).map(r -> r.get("targetRef")).sorted().toList();
    }

    @Test
    void teamsBecomeGroupsInTheirHierarchyAndMembersBecomeUsersOfTheirTeams() {
        orgs.serve(Org.of("hier-org", List.of(Team.of("hier-platform", null, "hier-ann"), Team.of("hier-infra", "hier-platform", "hier-bob")),
                List.of(GitHubOrgStub.User.of("hier-ann"), GitHubOrgStub.User.of("hier-bob"), new GitHubOrgStub.User("hier-cy", null, null))), 100);

        OrganizationSync.Summary summary = syncAndServe("hier-org");

        assertThat(summary.status()).isEqualTo("ok");
        assertThat(summary.teams()).isEqualTo(2);
        assertThat(summary.users()).isEqualTo(3);
        JsonPath org = CatalogApi.entity("Group", "hier-org");
        assertThat(org.getString("spec.type")).isEqualTo("organization");
        assertThat(org.getString("spec.profile.displayName")).isEqualTo("HIER-ORG Inc.");
        assertThat(org.getList("spec.children")).containsExactly("hier-platform");
        JsonPath platform = CatalogApi.entity("Group", "hier-platform");
        assertThat(platform.getString("spec.type")).isEqualTo("team");
        assertThat(platform.getString("spec.parent")).isEqualTo("hier-org");
        assertThat(platform.getList("spec.children")).containsExactly("hier-infra");
        assertThat(platform.getString("spec.profile.displayName")).isEqualTo("Team hier-platform");
        assertThat(platform.getString("metadata.description")).isEqualTo("the hier-platform team");
        assertThat(platform.getString("metadata.annotations.'github.com/team-slug'")).isEqualTo("hier-org/hier-platform");
        assertThat(relations(platform, "childOf")).containsExactly("group:default/hier-org");
        assertThat(relations(platform, "parentOf")).containsExactly("group:default/hier-infra");
        assertThat(relations(platform, "hasMember")).as("bob is in hier-infra, which GitHub lists under hier-platform too")
                .containsExactly("user:default/hier-ann");
        JsonPath bob = CatalogApi.entity("User", "hier-bob");
        assertThat(bob.getList("spec.memberOf")).containsExactly("hier-infra");
        assertThat(bob.getString("spec.profile.displayName")).isEqualTo("Name of hier-bob");
        assertThat(bob.getString("spec.profile.email")).isEqualTo("hier-bob@example.com");
        assertThat(bob.getString("spec.profile.picture")).startsWith("https://avatars.githubusercontent.com/u/");
        assertThat(bob.getString("metadata.annotations.'github.com/user-login'")).isEqualTo("hier-bob");
        JsonPath cy = CatalogApi.entity("User", "hier-cy");
        assertThat(cy.getMap("spec.profile")).as("no public name or email on GitHub").containsOnlyKeys("picture");
        assertThat(cy.getList("spec.memberOf")).isEmpty();
    }

    @Test
    void anOwnerNamedByTeamSlugResolvesToTheGitHubTeam() {
        orgs.serve(Org.of("own-org", List.of(Team.of("own-payments", null, "own-ann")), "own-ann"), 100);
        syncAndServe("own-org");
        Workspace workspace = Workspace.create("own");
        workspace.write("catalog-info.yaml", """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: own-checkout
                spec:
                  type: service
                  lifecycle: production
                  owner: own-payments
                """);

        CatalogApi.registerFile(workspace, "catalog-info.yaml");

        assertThat(relations(CatalogApi.entity("Component", "own-checkout"), "ownedBy")).containsExactly("group:default/own-payments");
        assertThat(relations(CatalogApi.entity("Group", "own-payments"), "ownerOf")).containsExactly("component:default/own-checkout");
    }

    @Test
    void listsLongerThanAPageAreReadPageByPage() {
        List<String> users = List.of("page-u1", "page-u2", "page-u3", "page-u4", "page-u5");
        orgs.serve(Org.of("page-org", List.of(Team.of("page-t1", null, "page-u1", "page-u2", "page-u3", "page-u4", "page-u5"),
                Team.of("page-t2", null), Team.of("page-t3", null), Team.of("page-t4", null), Team.of("page-t5", null)),
                users.toArray(String[]::new)), 2);

        OrganizationSync.Summary summary = syncAndServe("page-org");

        assertThat(summary.status()).isEqualTo("ok");
        assertThat(summary.teams()).isEqualTo(5);
        assertThat(summary.users()).isEqualTo(5);
        assertThat(github.gets("/organizations/\\d+/teams")).as("pages 2 and 3 of the teams").isEqualTo(2);
        assertThat(CatalogApi.entity("Group", "page-t5")).isNotNull();
        assertThat(CatalogApi.entity("User", "page-u5").getList("spec.memberOf")).containsExactly("page-t1");
        assertThat(CatalogApi.entity("Group", "page-t1").getList("relations")).hasSize(1 + 5);
    }

    @Test
    void anUnchangedOrganisationIsReadAgainWithConditionalRequestsOnly() {
        orgs.serve(Org.of("same-org", List.of(Team.of("same-a", null, "same-ann"), Team.of("same-b", "same-a", "same-bob")),
                "same-ann", "same-bob"), 100);
        OrganizationSync.Summary first = sync.sync(acme, "same-org");
        github.resetRequests();

        OrganizationSync.Summary again = sync.sync(acme, "same-org");

        assertThat(first.changed()).isTrue();
        assertThat(again.status()).isEqualTo("ok");
        assertThat(again.changed()).isFalse();
        assertThat(github.requests()).as("org, teams, 2 team member lists, members; the 2 profiles in one GraphQL query").isEqualTo(6);
        assertThat(github.costlyRequests()).as("no REST request that costs rate limit").isZero();
        assertThat(github.graphqlQueries()).isEqualTo(1);
        assertThat(again.requests()).isEqualTo(6);
        assertThat(again.notModified()).isEqualTo(5);
    }

    @Test
    void aFailingPageOrARateLimitKeepsTheLastGoodGroupsAndUsers() {
        List<Team> teams = List.of(Team.of("keep-a", null, "keep-ann"), Team.of("keep-b", null, "keep-bob"));
        orgs.serve(Org.of("keep-org", teams, "keep-ann", "keep-bob"), 100);
        syncAndServe("keep-org");
        github.reset();
        orgs.serve(Org.of("keep-org", List.of(teams.get(0)), "keep-ann"), 100);
        github.failing("/organizations/\\d+/team/\\d+/members", 500);

        OrganizationSync.Summary failed = syncAndServe("keep-org");

        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.error()).contains("HTTP 500");
        assertThat(CatalogApi.entity("Group", "keep-b")).isNotNull();
        assertThat(CatalogApi.entity("User", "keep-bob")).isNotNull();

        github.recover();
        github.rateLimited("/orgs/keep-org/members", Instant.now().plusSeconds(2));
        OrganizationSync.Summary limited = syncAndServe("keep-org");

        assertThat(limited.status()).isEqualTo("rate-limited");
        assertThat(limited.error()).contains("rate limit");
        assertThat(CatalogApi.entity("Group", "keep-b")).isNotNull();
        assertThat(CatalogApi.entity("User", "keep-bob")).isNotNull();
        // the provider's rate-limit state outlives this test: the next class of the profile would find acme blocked
        await().atMost(Duration.ofSeconds(10)).until(() -> clients.stats("acme").blockedUntil() == null);
    }

    @Test
    void aTeamOrMemberGoneFromACompleteReadLeavesTheCatalog() {
        orgs.serve(Org.of("gone-org", List.of(Team.of("gone-a", null, "gone-ann"), Team.of("gone-b", null, "gone-bob")),
                "gone-ann", "gone-bob"), 100);
        syncAndServe("gone-org");
        github.reset();
        orgs.serve(Org.of("gone-org", List.of(Team.of("gone-a", null, "gone-ann")), "gone-ann"), 100);

        OrganizationSync.Summary summary = syncAndServe("gone-org");

        assertThat(summary.changed()).isTrue();
        assertThat(CatalogApi.entity("Group", "gone-b")).isNull();
        assertThat(CatalogApi.entity("User", "gone-bob")).isNull();
        assertThat(CatalogApi.entity("Group", "gone-a")).isNotNull();
        assertThat(CatalogApi.entity("Group", "gone-org").getList("spec.children")).containsExactly("gone-a");
    }

    @Test
    void aChangedTeamIsReadAloneWithItsMembers() {
        orgs.serve(Org.of("tc-org", List.of(Team.of("tc-a", null, "tc-ann"), Team.of("tc-b", null, "tc-bob")), "tc-ann", "tc-bob"), 100);
        syncAndServe("tc-org");
        github.reset();
        orgs.serve(Org.of("tc-org", List.of(new Team("tc-a", "Renamed", "now with bob", null, List.of("tc-ann", "tc-bob")),
                Team.of("tc-b", null, "tc-bob")), "tc-ann", "tc-bob"), 100);

        sync.teamChanged(acme, "tc-org", "tc-a");
        serve("tc-org");

        assertThat(github.gets("/orgs/tc-org/teams/tc-a")).isEqualTo(1);
        assertThat(github.gets("/organizations/\\d+/team/\\d+/members")).as("tc-a's members only").isEqualTo(1);
        assertThat(github.gets("/orgs/tc-org/teams")).as("not the team list").isZero();
        assertThat(github.gets("/orgs/tc-org/members") + github.gets("/users/.*")).as("not the members").isZero();
        assertThat(CatalogApi.entity("Group", "tc-a").getString("spec.profile.displayName")).isEqualTo("Renamed");
        assertThat(CatalogApi.entity("User", "tc-bob").getList("spec.memberOf")).containsExactlyInAnyOrder("tc-a", "tc-b");
    }

    @Test
    void aDeletedTeamLeavesWithoutAnyRequest() {
        orgs.serve(Org.of("td-org", List.of(Team.of("td-a", null, "td-ann"), Team.of("td-b", "td-a", "td-bob")), "td-ann", "td-bob"), 100);
        syncAndServe("td-org");
        github.resetRequests();

        sync.teamDeleted(acme, "td-org", "td-a");
        serve("td-org");

        assertThat(github.requests()).isZero();
        assertThat(CatalogApi.entity("Group", "td-a")).isNull();
        assertThat(CatalogApi.entity("Group", "td-b").getString("spec.parent")).as("moved up, as GitHub moves it").isEqualTo("td-org");
        assertThat(CatalogApi.entity("User", "td-ann").getList("spec.memberOf")).isEmpty();
    }

    @Test
    void aMembershipChangeRereadsTheTeamAndTheTeamsAboveIt() {
        orgs.serve(Org.of("ms-org", List.of(Team.of("ms-top", null), Team.of("ms-mid", "ms-top"), Team.of("ms-leaf", "ms-mid", "ms-ann"),
                Team.of("ms-other", null, "ms-bob")), "ms-ann", "ms-bob"), 100);
        syncAndServe("ms-org");
        github.reset();
        orgs.serve(Org.of("ms-org", List.of(Team.of("ms-top", null), Team.of("ms-mid", "ms-top"), Team.of("ms-leaf", "ms-mid", "ms-ann", "ms-bob"),
                Team.of("ms-other", null, "ms-bob")), "ms-ann", "ms-bob"), 100);

        sync.membershipChanged(acme, "ms-org", "ms-leaf");
        serve("ms-org");

        assertThat(github.gets("/orgs/ms-org/teams/.*")).as("ms-leaf, ms-mid, ms-top").isEqualTo(3);
        assertThat(github.gets("/organizations/\\d+/team/\\d+/members")).isEqualTo(3);
        assertThat(github.gets("/orgs/ms-org/teams/ms-other")).isZero();
        assertThat(CatalogApi.entity("User", "ms-bob").getList("spec.memberOf")).containsExactlyInAnyOrder("ms-leaf", "ms-other");
    }

    @Test
    void profilesAreReadAHundredToAGraphQlQueryAndThroughRestWhenGraphQlFails() {
        List<String> members = java.util.stream.IntStream.range(0, 150).mapToObj("gq-user-%03d"::formatted).toList();
        orgs.serve(Org.of("gq-org", List.of(), members.toArray(String[]::new)), 100);
        syncAndServe("gq-org");
        assertThat(github.graphqlQueries()).as("150 profiles, 100 to a query").isEqualTo(2);
        assertThat(github.gets("/users/.*")).isZero();
        assertThat(CatalogApi.entity("User", "gq-user-149").getString("spec.profile.displayName")).isEqualTo("Name of gq-user-149");

        github.reset();
        github.graphqlFailing(502);
        orgs.serve(Org.of("gq-org", List.of(), "gq-user-000", "gq-newcomer"), 100);
        sync.membersChanged(acme, "gq-org");
        serve("gq-org");

        assertThat(github.gets("/users/gq-newcomer")).as("GraphQL failed: the newcomer's own page").isEqualTo(1);
        assertThat(CatalogApi.entity("User", "gq-newcomer").getString("spec.profile.displayName")).isEqualTo("Name of gq-newcomer");
    }

    @Test
    void aMembersChangeRereadsTheMemberListAndOnlyTheNewcomersProfiles() {
        orgs.serve(Org.of("mc-org", List.of(Team.of("mc-a", null, "mc-ann")), "mc-ann", "mc-bob"), 100);
        syncAndServe("mc-org");
        github.reset();
        orgs.serve(Org.of("mc-org", List.of(Team.of("mc-a", null, "mc-ann")), "mc-ann", "mc-cy"), 100);

        sync.membersChanged(acme, "mc-org");
        serve("mc-org");

        assertThat(github.gets("/orgs/mc-org/members")).isEqualTo(1);
        assertThat(github.gets("/users/.*")).as("no profile through REST").isZero();
        assertThat(github.graphqlLookups("user:mc-cy")).as("mc-cy's profile").isEqualTo(1);
        assertThat(github.graphqlLookups("user:mc-ann")).as("not the known member's").isZero();
        assertThat(github.gets("/orgs/mc-org/teams.*") + github.gets("/organizations/.*")).isZero();
        assertThat(CatalogApi.entity("User", "mc-bob")).isNull();
        assertThat(CatalogApi.entity("User", "mc-cy").getString("spec.profile.displayName")).isEqualTo("Name of mc-cy");
    }

    @Test
    void aProviderWithOrganisationDataOffReadsNothing() {
        GitHubProviderSettings mono = clients.provider("mono").orElseThrow();

        OrganizationSync.Summary summary = sync.sync(mono, "mono-org");

        assertThat(summary.status()).isEqualTo("disabled");
        assertThat(github.requests()).isZero();
    }
}
