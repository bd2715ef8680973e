package io.catalog.graph.bench;

import io.catalog.graph.github.GitHubClients;
import io.catalog.graph.github.GitHubProviderSettings;
import io.catalog.graph.github.OrganizationSync;
import io.catalog.graph.processing.LocationService;
import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.GitHubOrgStub;
import io.catalog.graph.testing.GitHubStub;
import io.catalog.graph.testing.GitHubTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request cost of reading an organisation of 300 teams (ten trees of 30) and 3,000 members (each in one team)
 * from the local GitHub: a first read, and an unchanged re-read, which costs only 304s. Prints the figures; run with
 * {@code -Pbenchmark -Dtest=OrganizationReadBenchmarkTest}.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(GitHubTestResource.Profile.class)
class OrganizationReadBenchmarkTest {

    private static final int TEAMS = 300;
    private static final int USERS = 3000;

    @Inject
    OrganizationSync sync;
    @Inject
    GitHubClients clients;
    @Inject
    LocationStore locations;
    @Inject
    LocationService locationService;

    @Test
    void firstReadAndUnchangedRereadOfALargeOrganisation() {
        GitHubStub github = GitHubTestResource.github();
        github.reset();
        List<GitHubOrgStub.Team> teams = new ArrayList<>();
        for (int t = 0; t < TEAMS; t++) {
            String parent = t % 30 == 0 ? null : "bench-team-" + (t - t % 30);
            List<String> members = new ArrayList<>();
            for (int u = t; u < USERS; u += TEAMS) {
                members.add("bench-user-" + u);
            }
            teams.add(new GitHubOrgStub.Team("bench-team-" + t, "Bench team " + t, null, parent, members));
        }
        List<GitHubOrgStub.User> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add(GitHubOrgStub.User.of("bench-user-" + u));
        }
        new GitHubOrgStub(github).serve(new GitHubOrgStub.Org("bench-org", "Bench", teams, users), 100);
        GitHubProviderSettings acme = clients.provider("acme").orElseThrow();

        github.resetRequests();
        long started = System.nanoTime();
        OrganizationSync.Summary first = sync.sync(acme, "bench-org");
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        long firstRestCostly = github.costlyRequests();
        long firstQueries = github.graphqlQueries();
        started = System.nanoTime();
        locations.idOf(OrganizationSync.location(acme, "bench-org")).ifPresent(locationService::refreshNow);
        long servedMillis = (System.nanoTime() - started) / 1_000_000;
        github.resetRequests();
        started = System.nanoTime();
        OrganizationSync.Summary again = sync.sync(acme, "bench-org");
        long againMillis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("ORG BENCHMARK %d teams / %d users: first read %d REST requests costing rate limit and %d GraphQL"
                        + " queries in %d ms, generated and ingested in %d ms; unchanged re-read %d requests (%d 304s, %d REST"
                        + " costing rate limit, %d GraphQL queries) in %d ms%n",
                TEAMS, USERS, firstRestCostly, firstQueries, firstMillis, servedMillis, again.requests(),
                again.notModified(), github.costlyRequests(), github.graphqlQueries(), againMillis);
        BenchmarkSummary.add("GitHub organisation, " + TEAMS + " teams / " + USERS + " users",
                "first read: REST requests that cost rate limit, GraphQL queries", firstRestCostly + ", " + firstQueries,
                "within one hour's 5,000 each");
        BenchmarkSummary.add("GitHub organisation, " + TEAMS + " teams / " + USERS + " users", "first read, generated and ingested",
                servedMillis + " ms", "");
        BenchmarkSummary.add("GitHub organisation, " + TEAMS + " teams / " + USERS + " users", "unchanged re-read: requests that cost rate limit",
                String.valueOf(github.costlyRequests()), "0");
        assertThat(first.status()).isEqualTo("ok");
        assertThat(first.teams()).isEqualTo(TEAMS);
        assertThat(first.users()).isEqualTo(USERS);
        assertThat(again.changed()).isFalse();
        assertThat(github.costlyRequests()).isZero();
        assertThat(CatalogApi.entity("User", "bench-user-2999").getList("spec.memberOf")).containsExactly("bench-team-299");
    }
}
