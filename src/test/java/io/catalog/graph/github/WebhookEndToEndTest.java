package io.catalog.graph.github;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.processing.LocationService;
import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.Descriptors;
import io.catalog.graph.testing.GitHubDeliveries;
import io.catalog.graph.testing.GitHubDeliveries.Sent;
import io.catalog.graph.testing.GitHubOrgStub;
import io.catalog.graph.testing.GitHubOrgStub.Org;
import io.catalog.graph.testing.GitHubOrgStub.Team;
import io.catalog.graph.testing.GitHubStub;
import io.catalog.graph.testing.GitHubStub.ComparedFile;
import io.catalog.graph.testing.GitHubTestResource;
import io.catalog.graph.testing.Sql;
import io.catalog.graph.github.webhook.DeliveryInterpreter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks from end to end: signed deliveries posted over HTTP as GitHub posts them, processed against the local
 * GitHub with the real client, and what a catalog user then sees at {@code /api/catalog/entities/by-name/...}. Each
 * test brings its own repositories, teams and logins into the catalog first (a scan, or a read of the organisation).
 */
@QuarkusTest
@TestProfile(GitHubTestResource.Profile.class)
class WebhookEndToEndTest {

    /** What "served within seconds" is held to here; the 2 s target is measured by WebhookLatencyBenchmarkTest. */
    private static final Duration SERVED_WITHIN = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final String BEFORE = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    private static final String AFTER = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";

    @Inject
    GitHubClients clients;
    @Inject
    OrganizationSync organizationSync;
    @Inject
    LocationStore locations;
    @Inject
    LocationService locationService;
    @Inject
    DataSource dataSource;

    private final GitHubStub github = GitHubTestResource.github();
    private final GitHubDeliveries deliveries = new GitHubDeliveries(github);
    private Sql sql;

    @BeforeEach
    void freshGitHub() {
        sql = new Sql(dataSource);
        github.reset();
        github.recover();
        github.rateLimitRemaining(4999);
        github.organization("acme");
        github.organization("mono-org");
        github.repositories("mono-org", List.of(), 100);
        github.organization("strict-org");
    }

    // ---- pushes ----

    @Test
    void aPushOnTheTrackedBranchThatChangesADescriptorIsServedWithinSeconds() {
        GitHubStub.Repo repo = inCatalog("acme/e2e-modify", "e2e-modify");
        github.file(repo.fullName(), "main", "catalog-info.yaml", Descriptors.component("e2e-modify", "team-b"));

        Sent push = deliveries.send("push", deliveries.push(repo.fullName(), "main", BEFORE, AFTER, List.of(),
                List.of("catalog-info.yaml", "README.md"), List.of()));
        push.answer().then().statusCode(202);
        long accepted = System.nanoTime();

        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> "team-b".equals(owner("e2e-modify")));
        System.out.printf("push to served: %d ms%n", (System.nanoTime() - accepted) / 1_000_000);
        awaitDone(push.id());
        assertThat(note(push.id())).contains("acme/e2e-modify");
    }

    @Test
    void aPushAddingANestedDescriptorAndRemovingAnotherToAMonorepoBringsOneAndTakesTheOtherAway() {
        GitHubStub.Repo repo = GitHubStub.Repo.of("mono-org/e2e-mono");
        github.tree(repo.fullName(), "main", List.of("catalog-info.yaml", "services/old/catalog-info.yaml"), false);
        github.file(repo.fullName(), "main", "catalog-info.yaml", Descriptors.component("e2e-mono-root", "team-a"));
        github.file(repo.fullName(), "main", "services/old/catalog-info.yaml", Descriptors.component("e2e-mono-old", "team-a"));
        github.repositories("mono-org", List.of(repo), 100);
        scan("mono");
        awaitEntity("e2e-mono-root");
        awaitEntity("e2e-mono-old");

        github.tree(repo.fullName(), "main", List.of("catalog-info.yaml", "services/new/api/catalog-info.yaml"), false);
        github.file(repo.fullName(), "main", "services/new/api/catalog-info.yaml", Descriptors.component("e2e-mono-new", "team-a"));
        github.missingFile(repo.fullName(), "main", "services/old/catalog-info.yaml");
        Sent push = deliveries.send("push", deliveries.push(repo.fullName(), "main", BEFORE, AFTER,
                List.of("services/new/api/catalog-info.yaml", "services/new/api/Main.java"), List.of(), List.of("services/old/catalog-info.yaml")));
        push.answer().then().statusCode(202);

        awaitEntity("e2e-mono-new");
        awaitGone("e2e-mono-old");
        assertThat(CatalogApi.entity("component", "e2e-mono-root")).as("untouched by the push").isNotNull();
        assertThat(CatalogApi.entity("component", "e2e-mono-new").getString("metadata.annotations.'backstage.io/managed-by-location'"))
                .isEqualTo("url:" + blob(repo.fullName(), "services/new/api/catalog-info.yaml"));
        assertThat(CatalogApi.locationState(blob(repo.fullName(), "services/old/catalog-info.yaml"))).isNull();
    }

    @Test
    void aPushOnAnotherBranchChangesNothing() {
        GitHubStub.Repo repo = inCatalog("acme/e2e-branch", "e2e-branch");
        github.file(repo.fullName(), "feature-x", "catalog-info.yaml", Descriptors.component("e2e-branch", "team-b"));
        github.resetRequests();

        Sent push = deliveries.send("push", deliveries.push(repo.fullName(), "feature-x", BEFORE, AFTER, List.of(),
                List.of("catalog-info.yaml"), List.of()));
        push.answer().then().statusCode(202);

        awaitDone(push.id());
        assertThat(note(push.id())).isEqualTo("ignored: a push to branch feature-x, not the tracked main");
        assertThat(owner("e2e-branch")).isEqualTo("team-a");
        assertThat(github.gets("/repos/acme/e2e-branch/.*")).as("GitHub not even asked").isZero();
    }

    @Test
    void aPushAtGitHubsCommitCapIsReadThroughTheCompareApi() {
        GitHubStub.Repo repo = inCatalog("acme/e2e-cap", "e2e-cap");
        github.file(repo.fullName(), "main", "catalog-info.yaml", Descriptors.component("e2e-cap", "team-b"));
        github.compare(repo.fullName(), BEFORE, AFTER, List.of(new ComparedFile("modified", "catalog-info.yaml", null),
                new ComparedFile("modified", "src/Main.java", null)));

        Sent push = deliveries.send("push", atCommitCap(repo.fullName()));
        push.answer().then().statusCode(202);

        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> "team-b".equals(owner("e2e-cap")));
        assertThat(github.gets("/repos/acme/e2e-cap/compare/" + BEFORE + "\\.\\.\\." + AFTER)).isEqualTo(1);
    }

    // ---- repositories ----

    @Test
    void aRenamedRepositoryKeepsItsEntitiesServedThroughoutWhichThenNameTheNewRepository() {
        inCatalog("acme/e2e-rename-old", "e2e-rename");
        String uid = CatalogApi.entity("component", "e2e-rename").getString("metadata.uid");
        github.renamed("acme/e2e-rename-old", "acme/e2e-rename-new");
        GitHubStub.Repo renamed = GitHubStub.Repo.of("acme/e2e-rename-new");
        github.file(renamed.fullName(), "main", "catalog-info.yaml", Descriptors.component("e2e-rename", "team-a"));
        github.repositories("acme", List.of(renamed), 100);
        String moved = "url:" + blob(renamed.fullName(), "catalog-info.yaml");
        github.slow(100); // the rename then takes long enough to be looked at while it is processed

        Sent renaming = deliveries.send("repository", deliveries.renamed(renamed.fullName(), "e2e-rename-old"));
        renaming.answer().then().statusCode(202);

        AtomicInteger polls = new AtomicInteger();
        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> {
            polls.incrementAndGet();
            JsonPath served = CatalogApi.entity("component", "e2e-rename");
            assertThat(served).as("served at every moment of the rename").isNotNull();
            return "done".equals(status(renaming.id())) && moved.equals(managedBy(served));
        });
        assertThat(polls.get()).as("looked at while it was processed").isGreaterThan(1);
        for (int i = 0; i < 5; i++) {
            assertThat(managedBy(CatalogApi.entity("component", "e2e-rename"))).isEqualTo(moved);
        }
        assertThat(CatalogApi.entity("component", "e2e-rename").getString("metadata.uid")).as("the same entity").isEqualTo(uid);
    }

    @Test
    void anArchivedRepositoryLeavesComesBackWhenUnarchivedAndLeavesWhenDeleted() {
        GitHubStub.Repo repo = inCatalog("acme/e2e-life", "e2e-life");

        github.repositories("acme", List.of(repo.archived(true)), 100);
        deliveries.send("repository", deliveries.repository("archived", repo.fullName())).answer().then().statusCode(202);
        awaitGone("e2e-life");

        github.repositories("acme", List.of(repo), 100);
        deliveries.send("repository", deliveries.repository("unarchived", repo.fullName())).answer().then().statusCode(202);
        awaitEntity("e2e-life");

        github.reset();
        github.repositories("acme", List.of(), 100);
        deliveries.send("repository", deliveries.repository("deleted", repo.fullName())).answer().then().statusCode(202);
        awaitGone("e2e-life");
        assertThat(CatalogApi.locationState(blob(repo.fullName(), "catalog-info.yaml"))).isNull();
    }

    @Test
    void aTopicsEditAddingAnExcludedTopicTakesTheEntitiesAwayAndOneRemovingItBringsThemBack() {
        // provider mono leaves out repositories with the topic no-catalog (filters.topics.exclude)
        GitHubStub.Repo repo = GitHubStub.Repo.of("mono-org/e2e-topics").topics("payments");
        github.tree(repo.fullName(), "main", List.of("catalog-info.yaml"), false);
        github.file(repo.fullName(), "main", "catalog-info.yaml", Descriptors.component("e2e-topics", "team-a"));
        github.repositories("mono-org", List.of(repo), 100);
        scan("mono");
        awaitEntity("e2e-topics");

        GitHubStub.Repo excluded = repo.topics("payments", "no-catalog");
        github.repositories("mono-org", List.of(excluded), 100);
        Sent tagged = deliveries.send("repository", deliveries.topicsEdited(excluded, List.of("payments")));
        tagged.answer().then().statusCode(202);

        awaitGone("e2e-topics");
        assertThat(CatalogApi.locationState(blob(repo.fullName(), "catalog-info.yaml"))).isNull();
        awaitDone(tagged.id());

        github.repositories("mono-org", List.of(repo), 100);
        Sent untagged = deliveries.send("repository", deliveries.topicsEdited(repo, List.of("payments", "no-catalog")));
        untagged.answer().then().statusCode(202);

        awaitEntity("e2e-topics");
        awaitDone(untagged.id());
    }

    @Test
    void aRepositoryMadePrivateLeavesAProviderOfPublicRepositoriesAndComesBackWhenMadePublicAgain() {
        // provider strict takes public repositories only (filters.visibility=public), read on its filters.branch
        GitHubStub.Repo repo = GitHubStub.Repo.of("strict-org/svc-e2e-visible");
        github.file(repo.fullName(), GitHubTestResource.STRICT_BRANCH, "catalog-info.yaml", Descriptors.component("svc-e2e-visible", "team-a"));
        github.repositories("strict-org", List.of(repo), 100);
        scan("strict");
        awaitEntity("svc-e2e-visible");
        String location = github.webBase() + "/" + repo.fullName() + "/blob/" + GitHubTestResource.STRICT_BRANCH + "/catalog-info.yaml";
        assertThat(CatalogApi.locationState(location)).isNotNull();

        GitHubStub.Repo secret = repo.visibility("private");
        github.repositories("strict-org", List.of(secret), 100);
        Sent privatized = deliveries.send("repository", deliveries.repository("privatized", secret));
        privatized.answer().then().statusCode(202);

        awaitGone("svc-e2e-visible");
        assertThat(CatalogApi.locationState(location)).isNull();
        awaitDone(privatized.id());

        github.repositories("strict-org", List.of(repo), 100);
        Sent publicized = deliveries.send("repository", deliveries.repository("publicized", repo));
        publicized.answer().then().statusCode(202);

        awaitEntity("svc-e2e-visible");
        awaitDone(publicized.id());
    }

    @Test
    void aRepositoryTransferredToAnOrganisationNoProviderReadsLeaves() {
        GitHubStub.Repo repo = inCatalog("acme/e2e-xfer", "e2e-xfer");
        github.renamed(repo.fullName(), "initech/e2e-xfer");

        Sent transfer = deliveries.send("repository", deliveries.transferred("initech/e2e-xfer", "acme"));
        transfer.answer().then().statusCode(202);

        awaitGone("e2e-xfer");
        assertThat(CatalogApi.locationState(blob(repo.fullName(), "catalog-info.yaml"))).isNull();
        awaitDone(transfer.id());
    }

    // ---- teams and members ----

    @Test
    void aTeamCreatedAndAMemberAddedAreFollowed() {
        GitHubOrgStub orgs = new GitHubOrgStub(github);
        Team platform = Team.of("e2e-platform", null, "e2e-ann");
        orgs.serve(Org.of("acme", List.of(platform), "e2e-ann", "e2e-bob"), 100);
        readOrganisation("acme");
        assertThat(CatalogApi.entity("Group", "e2e-platform")).isNotNull();

        orgs.serve(Org.of("acme", List.of(platform, Team.of("e2e-payments", "e2e-platform")), "e2e-ann", "e2e-bob"), 100);
        deliveries.send("team", deliveries.team("created", "acme", "e2e-payments", "e2e-platform")).answer().then().statusCode(202);
        JsonPath payments = await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> CatalogApi.entity("Group", "e2e-payments"), e -> e != null);
        assertThat(payments.getString("spec.parent")).isEqualTo("e2e-platform");
        assertThat(relations(payments, "childOf")).containsExactly("group:default/e2e-platform");
        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() ->
                CatalogApi.entity("Group", "e2e-platform").getList("spec.children", String.class).contains("e2e-payments"));

        orgs.serve(Org.of("acme", List.of(platform, Team.of("e2e-payments", "e2e-platform", "e2e-bob")), "e2e-ann", "e2e-bob"), 100);
        deliveries.send("membership", deliveries.membership("added", "acme", "e2e-payments", "e2e-bob")).answer().then().statusCode(202);
        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() ->
                CatalogApi.entity("User", "e2e-bob").getList("spec.memberOf", String.class).contains("e2e-payments"));
        assertThat(relations(CatalogApi.entity("User", "e2e-bob"), "memberOf")).containsExactly("group:default/e2e-payments");
        assertThat(relations(CatalogApi.entity("Group", "e2e-payments"), "hasMember")).containsExactly("user:default/e2e-bob");
    }

    @Test
    void aDeletedTeamLeavesAndItsMembersAreInItNoLonger() {
        GitHubOrgStub orgs = new GitHubOrgStub(github);
        Team top = Team.of("e2e-del-top", null, "e2e-del-ann");
        orgs.serve(Org.of("acme", List.of(top, Team.of("e2e-del-child", "e2e-del-top", "e2e-del-bob")), "e2e-del-ann", "e2e-del-bob"), 100);
        readOrganisation("acme");
        assertThat(CatalogApi.entity("User", "e2e-del-bob").getList("spec.memberOf")).containsExactly("e2e-del-child");

        orgs.serve(Org.of("acme", List.of(top), "e2e-del-ann", "e2e-del-bob"), 100);
        deliveries.send("team", deliveries.team("deleted", "acme", "e2e-del-child", "e2e-del-top")).answer().then().statusCode(202);

        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> CatalogApi.entity("Group", "e2e-del-child") == null);
        assertThat(CatalogApi.entity("Group", "e2e-del-top").getList("spec.children")).isEmpty();
        assertThat(CatalogApi.entity("User", "e2e-del-ann").getList("spec.memberOf")).containsExactly("e2e-del-top");
        assertThat(CatalogApi.entity("User", "e2e-del-bob").getList("spec.memberOf"))
                .as("GitHub lists bob under e2e-del-top no more: he was there only through the deleted team").isEmpty();
    }

    @Test
    void aRenamedTeamIsServedUnderItsNewSlugAloneWithItsChildTeamsAndMembersFollowingAndNoWholeOrganisationRead() {
        GitHubOrgStub orgs = new GitHubOrgStub(github);
        orgs.serve(Org.of("acme", List.of(Team.of("e2e-ren-old", null, "e2e-ren-ann"), Team.of("e2e-ren-child", "e2e-ren-old", "e2e-ren-bob")),
                "e2e-ren-ann", "e2e-ren-bob"), 100);
        readOrganisation("acme");
        assertThat(CatalogApi.entity("User", "e2e-ren-ann").getList("spec.memberOf")).containsExactly("e2e-ren-old");

        // renaming a team on GitHub changes its slug; its id stays
        github.renamedTeam("acme", "e2e-ren-old", "e2e-ren-new");
        orgs.serve(Org.of("acme", List.of(Team.of("e2e-ren-new", null, "e2e-ren-ann"), Team.of("e2e-ren-child", "e2e-ren-new", "e2e-ren-bob")),
                "e2e-ren-ann", "e2e-ren-bob"), 100);
        github.resetRequests();
        Sent renamed = deliveries.send("team", deliveries.teamRenamed("acme", "e2e-ren-new", "Team e2e-ren-old", null));
        renamed.answer().then().statusCode(202);

        JsonPath group = await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> CatalogApi.entity("Group", "e2e-ren-new"), e -> e != null);
        awaitDone(renamed.id());
        assertThat(group.getString("spec.profile.displayName")).isEqualTo("Team e2e-ren-new");
        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> CatalogApi.entity("Group", "e2e-ren-old") == null);
        assertThat(CatalogApi.entity("Group", "e2e-ren-new").getList("spec.children")).containsExactly("e2e-ren-child");
        assertThat(CatalogApi.entity("Group", "e2e-ren-child").getString("spec.parent")).isEqualTo("e2e-ren-new");
        assertThat(CatalogApi.entity("User", "e2e-ren-ann").getList("spec.memberOf")).containsExactly("e2e-ren-new");
        assertThat(CatalogApi.entity("User", "e2e-ren-bob").getList("spec.memberOf"))
                .as("a member of the child team only, though GitHub lists him under the renamed team too").containsExactly("e2e-ren-child");
        assertThat(github.gets("/orgs/acme/teams") + github.gets("/orgs/acme/members")).as("no whole organisation read").isZero();
    }

    // ---- GitHub failing ----

    @Test
    void aPushWhoseComparisonGitHubFailsIsRetriedAndAppliedWhenGitHubRecovers() {
        GitHubStub.Repo repo = inCatalog("acme/e2e-retry-push", "e2e-retry-push");
        github.file(repo.fullName(), "main", "catalog-info.yaml", Descriptors.component("e2e-retry-push", "team-b"));
        github.compare(repo.fullName(), BEFORE, AFTER, List.of(new ComparedFile("modified", "catalog-info.yaml", null)));
        github.failing("/repos/acme/e2e-retry-push/compare/.*", 502);

        Sent push = deliveries.send("push", atCommitCap(repo.fullName()));
        push.answer().then().statusCode(202);

        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> attempts(push.id()) >= 2 && error(push.id()) != null);
        assertThat(error(push.id())).contains("502");
        assertThat(owner("e2e-retry-push")).as("served as it was while GitHub fails").isEqualTo("team-a");

        github.recover();
        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> "team-b".equals(owner("e2e-retry-push")));
        awaitDone(push.id());
    }

    @Test
    void aRepositoryEventWhoseRepositoryGitHubFailsToAnswerIsRetriedAndAppliedWhenGitHubRecovers() {
        GitHubStub.Repo repo = inCatalog("acme/e2e-retry-repo", "e2e-retry-repo");
        github.repositories("acme", List.of(repo.archived(true)), 100);
        github.failing("/repos/acme/e2e-retry-repo", 502);

        Sent archived = deliveries.send("repository", deliveries.repository("archived", repo.fullName()));
        archived.answer().then().statusCode(202);

        awaitAttempted(archived.id());
        assertThat(github.gets("/repos/acme/e2e-retry-repo")).as("GitHub was asked and failed").isGreaterThanOrEqualTo(1);
        assertThat(CatalogApi.entity("component", "e2e-retry-repo")).as("nothing removed while GitHub fails").isNotNull();

        github.recover();
        awaitGone("e2e-retry-repo");
        awaitDone(archived.id());
    }

    @Test
    void aMembershipEventWhoseTeamGitHubFailsToAnswerIsRetriedAndAppliedWhenGitHubRecovers() {
        GitHubOrgStub orgs = new GitHubOrgStub(github);
        orgs.serve(Org.of("acme", List.of(Team.of("e2e-retry-team", null, "e2e-cy")), "e2e-cy", "e2e-dee"), 100);
        readOrganisation("acme");
        orgs.serve(Org.of("acme", List.of(Team.of("e2e-retry-team", null, "e2e-cy", "e2e-dee")), "e2e-cy", "e2e-dee"), 100);
        github.failing("/orgs/acme/teams/.*", 502);

        Sent added = deliveries.send("membership", deliveries.membership("added", "acme", "e2e-retry-team", "e2e-dee"));
        added.answer().then().statusCode(202);

        awaitAttempted(added.id());
        assertThat(github.gets("/orgs/acme/teams/e2e-retry-team")).as("GitHub was asked and failed").isGreaterThanOrEqualTo(1);
        assertThat(CatalogApi.entity("User", "e2e-cy").getList("spec.memberOf")).as("nothing removed while GitHub fails")
                .containsExactly("e2e-retry-team");

        github.recover();
        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() ->
                CatalogApi.entity("User", "e2e-dee").getList("spec.memberOf", String.class).contains("e2e-retry-team"));
        awaitDone(added.id());
    }

    // ---- helpers ----

    /** A repository of acme with one descriptor, a Component called {@code component} owned by team-a, scanned in. */
    private GitHubStub.Repo inCatalog(String fullName, String component) {
        GitHubStub.Repo repo = GitHubStub.Repo.of(fullName);
        github.file(fullName, "main", "catalog-info.yaml", Descriptors.component(component, "team-a"));
        github.repositories("acme", List.of(repo), 100);
        scan("acme");
        awaitEntity(component);
        return repo;
    }

    /** A push of {@code fullName}'s main at GitHub's cap of 2,048 listed commits, none of them naming a descriptor. */
    private ObjectNode atCommitCap(String fullName) {
        ObjectNode push = deliveries.push(fullName, "main", BEFORE, AFTER, List.of(), List.of(), List.of());
        ArrayNode commits = push.putArray("commits");
        for (int i = 0; i < DeliveryInterpreter.PUSH_COMMIT_CAP; i++) {
            ObjectNode commit = deliveries.commit(fullName, String.format("%040x", i + 1), "commit " + i);
            commit.withArray("modified").add("src/file" + i + ".txt");
            commits.add(commit);
        }
        return push;
    }

    /** Reads the organisation's teams and members, as the provider's scan does, and has the catalog serve them now. */
    private void readOrganisation(String org) {
        GitHubProviderSettings acme = clients.provider("acme").orElseThrow();
        assertThat(organizationSync.sync(acme, org).status()).isEqualTo("ok");
        locations.idOf(OrganizationSync.location(acme, org)).ifPresent(locationService::refreshNow);
    }

    private static void scan(String provider) {
        given().post("/api/admin/providers/{id}/scan", provider).then().statusCode(200);
    }

    private String blob(String fullName, String path) {
        return github.webBase() + "/" + fullName + "/blob/main/" + path;
    }

    private static String owner(String component) {
        JsonPath entity = CatalogApi.entity("component", component);
        return entity == null ? null : entity.getString("spec.owner");
    }

    private static String managedBy(JsonPath entity) {
        return entity.getString("metadata.annotations.'backstage.io/managed-by-location'");
    }

    private static List<String> relations(JsonPath entity, String type) {
        List<Map<String, String>> relations = entity.getList("relations");
        return relations.stream().filter(r -> r.get("type").equals(type)).map(r -> r.get("targetRef")).sorted().toList();
    }

    private static void awaitEntity(String name) {
        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> CatalogApi.entity("component", name) != null);
    }

    private static void awaitGone(String name) {
        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> CatalogApi.entity("component", name) == null);
    }

    private void awaitDone(String delivery) {
        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> "done".equals(status(delivery)));
    }

    /** Until a first attempt at the delivery has ended, whether it failed (pending again) or not (done). */
    private void awaitAttempted(String delivery) {
        await().atMost(SERVED_WITHIN).pollInterval(POLL).until(() -> attempts(delivery) >= 1
                && ("done".equals(status(delivery)) || error(delivery) != null));
    }

    private String status(String delivery) {
        return (String) sql.value("SELECT status FROM github_deliveries WHERE delivery_id = ?", delivery);
    }

    private String note(String delivery) {
        return (String) sql.value("SELECT note FROM github_deliveries WHERE delivery_id = ?", delivery);
    }

    private String error(String delivery) {
        return (String) sql.value("SELECT error FROM github_deliveries WHERE delivery_id = ?", delivery);
    }

    private int attempts(String delivery) {
        Object attempts = sql.value("SELECT attempts FROM github_deliveries WHERE delivery_id = ?", delivery);
        return attempts == null ? 0 : ((Number) attempts).intValue();
    }
}
