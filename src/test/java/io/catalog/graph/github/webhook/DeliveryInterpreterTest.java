package io.catalog.graph.github.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.github.GitHubProviderSettings;
import io.catalog.graph.github.webhook.DeliveryAction.CompareNeeded;
import io.catalog.graph.github.webhook.DeliveryAction.FilesChanged;
import io.catalog.graph.github.webhook.DeliveryAction.MembersChanged;
import io.catalog.graph.github.webhook.DeliveryAction.MembershipChanged;
import io.catalog.graph.github.webhook.DeliveryAction.RepositoryChanged;
import io.catalog.graph.github.webhook.DeliveryAction.RepositoryRemoved;
import io.catalog.graph.github.webhook.DeliveryAction.RepositoryRenamed;
import io.catalog.graph.github.webhook.DeliveryAction.TeamChanged;
import io.catalog.graph.github.webhook.DeliveryAction.TeamDeleted;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static io.catalog.graph.github.webhook.WebhookPayloads.load;
import static io.catalog.graph.github.webhook.WebhookPayloads.provider;
import static org.assertj.core.api.Assertions.assertThat;

/** What each delivery means, on payloads in GitHub's shapes (src/test/resources/github/webhooks/). */
class DeliveryInterpreterTest {

    private static final String GITHUB_API = "https://api.github.com";
    private static final GitHubProviderSettings ACME = provider("acme", "acme", GITHUB_API);
    private static final GitHubProviderSettings GLOBEX = provider("globex", "globex", GITHUB_API);
    /** Also an organisation called acme, but on another host. */
    private static final GitHubProviderSettings ACME_ON_ENTERPRISE = provider("acme-ghes", "acme", "https://ghe.example.com/api/v3");

    private final DeliveryInterpreter interpreter = new DeliveryInterpreter(List.of(ACME, GLOBEX, ACME_ON_ENTERPRISE));

    @Nested
    class Push {
        @Test
        void onTheDefaultBranchNamesEveryFileTheCommitsChangedNetOfTheirOrder() {
            Interpretation meaning = interpreter.interpret("push", load("push"));

            assertThat(meaning.actions()).containsExactly(new FilesChanged(ACME, "acme/payments", "main",
                    Set.of("catalog-info.yaml", "old/catalog-info.yaml", "services/ledger/catalog-info.yaml"),
                    Set.of("docs/catalog-info.yaml", "scratch.txt")));
        }

        @Test
        void toAnotherBranchIsIgnored() {
            ObjectNode push = load("push").put("ref", "refs/heads/feature-x");

            Interpretation meaning = interpreter.interpret("push", push);

            assertThat(meaning.actions()).isEmpty();
            assertThat(meaning.note()).isEqualTo("ignored: a push to branch feature-x, not the tracked main");
        }

        @Test
        void ofATagIsIgnored() {
            assertThat(interpreter.interpret("push", load("push").put("ref", "refs/tags/main")).actions()).isEmpty();
        }

        @Test
        void followsTheConfiguredBranchRatherThanTheDefaultOne() {
            GitHubProviderSettings release = provider("release", "acme", GITHUB_API, "release", true, new GitHubProviderSettings.Token("t"));
            DeliveryInterpreter releases = new DeliveryInterpreter(List.of(release));

            assertThat(releases.interpret("push", load("push")).actions()).as("main is the default branch, not the tracked one").isEmpty();
            assertThat(releases.interpret("push", load("push").put("ref", "refs/heads/release")).actions())
                    .singleElement().isInstanceOf(FilesChanged.class).extracting(a -> ((FilesChanged) a).branch()).isEqualTo("release");
        }

        @Test
        void atGitHubsCommitCapIsResolvedThroughTheCompareApi() {
            ObjectNode push = load("push");
            ArrayNode commits = push.putArray("commits");
            for (int i = 0; i < DeliveryInterpreter.PUSH_COMMIT_CAP; i++) {
                commits.addObject().put("id", "c" + i).putArray("modified").add("file" + i + ".txt");
            }

            assertThat(interpreter.interpret("push", push).actions()).containsExactly(new CompareNeeded(ACME, "acme/payments", "main",
                    "6113728f27ae82c7b1a177c8d03f9e96e0adf246", "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"));

            commits.remove(0);
            assertThat(interpreter.interpret("push", push).actions()).as("one under the cap: the payload lists everything")
                    .singleElement().isInstanceOf(FilesChanged.class);
        }

        @Test
        void withoutCommitsButMovingTheBranchIsResolvedThroughTheCompareApi() {
            ObjectNode push = load("push");
            push.putArray("commits");

            assertThat(interpreter.interpret("push", push).actions()).singleElement().isInstanceOf(CompareNeeded.class);
            assertThat(interpreter.interpret("push", push.put("after", push.get("before").asText())).actions())
                    .as("nothing moved").isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"deleted", "created", "forced"})
        void thatDeletesCreatesOrRewritesTheTrackedBranchHasTheRepositoryReadAgain(String flag) {
            ObjectNode push = load("push").put(flag, true);

            assertThat(interpreter.interpret("push", push).actions()).containsExactly(new RepositoryChanged(ACME, "acme/payments"));
        }

        @Test
        void toAnOrganisationNoProviderReadsIsIgnored() {
            ObjectNode push = load("push");
            ((ObjectNode) push.get("repository")).put("full_name", "initech/payments").put("html_url", "https://github.com/initech/payments");
            ((ObjectNode) push.get("repository").get("owner")).put("login", "initech");
            ((ObjectNode) push.get("organization")).put("login", "initech").put("url", "https://api.github.com/orgs/initech");

            Interpretation meaning = interpreter.interpret("push", push);

            assertThat(meaning.actions()).isEmpty();
            assertThat(meaning.note()).isEqualTo("ignored: no provider reads initech on github.com");
        }

        @Test
        void toTheSameOrganisationNameOnAnotherHostIsNotReadByThisHostsProvider() {
            DeliveryInterpreter enterpriseOnly = new DeliveryInterpreter(List.of(ACME_ON_ENTERPRISE));

            assertThat(enterpriseOnly.interpret("push", load("push")).actions()).isEmpty();
        }

        @Test
        void isAppliedForEveryProviderReadingTheOrganisation() {
            GitHubProviderSettings acmeDocs = provider("acme-docs", "ACME", GITHUB_API);
            DeliveryInterpreter both = new DeliveryInterpreter(List.of(ACME, acmeDocs));

            assertThat(both.interpret("push", load("push")).actions()).extracting(DeliveryAction::provider).containsExactly(ACME, acmeDocs);
        }
    }

    @Nested
    class Repository {
        @Test
        void deletedRemovesTheRepository() {
            assertThat(interpreter.interpret("repository", load("repository-archived").put("action", "deleted")).actions())
                    .containsExactly(new RepositoryRemoved(ACME, "acme/payments"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"archived", "unarchived", "edited", "privatized", "publicized", "created"})
        void changesTheFiltersMayDecideOnHaveTheRepositoryReadAgain(String action) {
            assertThat(interpreter.interpret("repository", load("repository-archived").put("action", action)).actions())
                    .containsExactly(new RepositoryChanged(ACME, "acme/payments"));
        }

        @Test
        void renamedFollowsTheNewName() {
            assertThat(interpreter.interpret("repository", load("repository-renamed")).actions())
                    .containsExactly(new RepositoryRenamed(ACME, "acme/payments-old", "acme/payments"));
        }

        @Test
        void transferredLeavesTheOldOwnersProviderAndJoinsTheNewOnes() {
            assertThat(interpreter.interpret("repository", load("repository-transferred")).actions()).containsExactly(
                    new RepositoryRemoved(ACME, "acme/payments"),
                    new RepositoryChanged(GLOBEX, "globex/payments"));
        }

        @Test
        void transferredBetweenTwoAccountsOfOneAppIsARename() {
            GitHubProviderSettings app = provider("app", null, GITHUB_API, null, true, new GitHubProviderSettings.App(1, "pem", null));

            assertThat(new DeliveryInterpreter(List.of(app)).interpret("repository", load("repository-transferred")).actions())
                    .containsExactly(new RepositoryRenamed(app, "acme/payments", "globex/payments"));
        }

        @Test
        void transferredToAndFromOrganisationsNoProviderReadsIsIgnored() {
            assertThat(new DeliveryInterpreter(List.of(ACME_ON_ENTERPRISE)).interpret("repository", load("repository-transferred")).note())
                    .isEqualTo("ignored: no provider reads acme or globex on github.com");
        }

        @Test
        void otherActionsAreIgnored() {
            assertThat(interpreter.interpret("repository", load("repository-archived").put("action", "starred")).actions()).isEmpty();
        }
    }

    @Nested
    class Organisation {
        @ParameterizedTest
        @ValueSource(strings = {"member_added", "member_removed"})
        void membersJoiningOrLeavingHaveTheMembersReadAgain(String action) {
            assertThat(interpreter.interpret("organization", load("organization-member_added").put("action", action)).actions())
                    .containsExactly(new MembersChanged(ACME, "acme"));
        }

        @Test
        void anInvitationChangesNothingYet() {
            assertThat(interpreter.interpret("organization", load("organization-member_added").put("action", "member_invited")).actions()).isEmpty();
        }

        @Test
        void aRenameIsReportedForTheOperatorToFollow() {
            Interpretation meaning = interpreter.interpret("organization", load("organization-renamed"));

            assertThat(meaning.actions()).isEmpty();
            assertThat(meaning.note()).contains("acme-old was renamed to acme");
        }

        @Test
        void isIgnoredForAProviderWithOrganisationDataOff() {
            GitHubProviderSettings noOrg = provider("acme", "acme", GITHUB_API, null, false, new GitHubProviderSettings.Token("t"));
            DeliveryInterpreter withoutOrgData = new DeliveryInterpreter(List.of(noOrg));

            assertThat(withoutOrgData.interpret("organization", load("organization-member_added")).actions()).isEmpty();
            assertThat(withoutOrgData.interpret("team", load("team-created")).actions()).isEmpty();
            assertThat(withoutOrgData.interpret("membership", load("membership-added")).actions()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"created", "edited"})
        void aTeamCreatedOrEditedIsReadAgain(String action) {
            assertThat(interpreter.interpret("team", load("team-created").put("action", action)).actions())
                    .containsExactly(new TeamChanged(ACME, "acme", "platform-team"));
        }

        @Test
        void aTeamDeletedGoes() {
            assertThat(interpreter.interpret("team", load("team-created").put("action", "deleted")).actions())
                    .containsExactly(new TeamDeleted(ACME, "acme", "platform-team"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"added_to_repository", "removed_from_repository"})
        void aTeamsRepositoryAccessIsNotCatalogData(String action) {
            assertThat(interpreter.interpret("team", load("team-created").put("action", action)).actions()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"added", "removed"})
        void aMembershipChangeHasThatTeamsMembersReadAgain(String action) {
            assertThat(interpreter.interpret("membership", load("membership-added").put("action", action)).actions())
                    .containsExactly(new MembershipChanged(ACME, "acme", "platform-team"));
        }

        @Test
        void aTeamEventOfAnOrganisationNoProviderReadsIsIgnored() {
            ObjectNode team = load("team-created");
            ((ObjectNode) team.get("organization")).put("login", "initech").put("url", "https://api.github.com/orgs/initech");

            assertThat(interpreter.interpret("team", team).note()).isEqualTo("ignored: no provider reads initech on github.com");
        }
    }

    @Test
    void anAppInstallationGainingOrLosingRepositoriesHasThemJoinOrLeave() {
        GitHubProviderSettings app = provider("app", null, GITHUB_API, null, true, new GitHubProviderSettings.App(1, "pem", null));

        assertThat(new DeliveryInterpreter(List.of(app, ACME)).interpret("installation_repositories", load("installation_repositories-added")).actions())
                .as("a token provider has no installation").containsExactly(
                        new RepositoryChanged(app, "acme/ledger"),
                        new RepositoryRemoved(app, "acme/legacy"));
    }

    @Test
    void aPingAndEventsTheCatalogDoesNotUseChangeNothing() {
        assertThat(interpreter.interpret("ping", load("ping")).actions()).isEmpty();
        Interpretation issues = interpreter.interpret("issues", load("repository-archived").put("action", "opened"));
        assertThat(issues.actions()).isEmpty();
        assertThat(issues.note()).isEqualTo("ignored: event issues does not concern the catalog");
    }
}
