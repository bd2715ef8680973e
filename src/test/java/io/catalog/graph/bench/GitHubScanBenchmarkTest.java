package io.catalog.graph.bench;

import io.catalog.graph.github.DiscoveryLoop;
import io.catalog.graph.github.GitHubClients;
import io.catalog.graph.github.ScanSummary;
import io.catalog.graph.testing.GitHubOrgStub;
import io.catalog.graph.testing.GitHubStub;
import io.catalog.graph.testing.GitHubTestResource;
import io.catalog.graph.testing.Sql;
import io.catalog.graph.testing.SyntheticOrganizations;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GitHub discovery at scale: an organisation of {@code -Dbench.repositories} (default 10,000) repositories, each with
 * a descriptor, on the local GitHub, scanned by the real github-api client through the catalog's transport. Reports
 * the REST requests (costly vs 304) and GraphQL queries of a first scan and of an unchanged re-scan and their times,
 * and the requests the refresh loop spends reading the descriptors the first scan registered.
 * Run: {@code ./mvnw -B verify -Pbenchmark -Dtest=GitHubScanBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@TestProfile(GitHubTestResource.Profile.class)
@Tag("benchmark")
class GitHubScanBenchmarkTest {

    @Inject
    DataSource dataSource;
    @Inject
    DiscoveryLoop discovery;
    @Inject
    GitHubClients clients;

    @Test
    void scanningAnOrganisationOfTenThousandRepositories() throws Exception {
        int repositories = Integer.getInteger("bench.repositories", 10_000);
        GitHubStub github = GitHubTestResource.github();
        github.reset();
        github.organization("mono-org");
        github.repositories("mono-org", List.of(), 100);
        // the scan reads the organisation's teams and members too: none here, the figures are the repositories'
        new GitHubOrgStub(github).serve(GitHubOrgStub.Org.of("acme", List.of(), List.of()), 100);
        SyntheticOrganizations org = github.syntheticOrganization("acme", repositories);
        Sql sql = new Sql(dataSource);
        github.resetRequests();

        long started = System.nanoTime();
        ScanSummary first = scan();
        double firstSeconds = seconds(started);
        Map<String, Long> firstCounts = org.counts();
        long firstRestCostly = github.costlyRequests();
        long firstNotModified = github.notModifiedAnswers();
        long firstQueries = github.graphqlQueries();
        assertThat(first.status()).isEqualTo("ok");
        assertThat(first.locations()).as("one per repository, and the organisation's (its teams and members)").isEqualTo(repositories + 1);

        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(2)).until(() -> ((Number) sql.value(
                "SELECT count(*) FROM locations WHERE provider = 'github:acme' AND status = 'pending'")).longValue() == 0);
        double servedSeconds = seconds(started);
        Map<String, Long> loadCounts = org.counts();
        long loadRestCostly = github.costlyRequests() - firstRestCostly;
        long loadNotModified = github.notModifiedAnswers() - firstNotModified;
        long notOk = ((Number) sql.value("SELECT count(*) FROM locations WHERE provider = 'github:acme' AND status <> 'ok'")).longValue();

        org.resetCounts();
        github.resetRequests();
        started = System.nanoTime();
        ScanSummary again = scan();
        double rescanSeconds = seconds(started);
        Map<String, Long> rescanCounts = org.counts();

        long rescanCostly = github.costlyRequests();
        long rescanQueries = github.graphqlQueries();
        String report = String.format(Locale.ROOT, """
                | repositories | first scan | its REST requests (costly / 304) | its GraphQL queries | descriptors served | refresh-loop REST requests (costly / 304) | unchanged re-scan | its REST requests (costly / 304) | its GraphQL queries |
                |---|---|---|---|---|---|---|---|---|
                | %d | %.1f s | %d / %d | %d | %.1f s | %d / %d | %.2f s | %d / %d | %d |

                answers by kind, first scan and loop: %s; unchanged re-scan: %s
                """, repositories, firstSeconds, firstRestCostly, firstNotModified, firstQueries, servedSeconds,
                loadRestCostly, loadNotModified, rescanSeconds, rescanCostly, github.notModifiedAnswers(), rescanQueries, loadCounts, rescanCounts);
        BenchmarkReport.publish("BENCHMARK", report, "bench.output", "target/github-benchmark-results.md");
        String discovery = "GitHub discovery, " + repositories + " repositories";
        BenchmarkSummary.add(discovery, "first scan, descriptors served", String.format(Locale.ROOT, "%.1f s", servedSeconds), "");
        BenchmarkSummary.add(discovery, "first scan: REST requests that cost rate limit, GraphQL queries",
                firstRestCostly + loadRestCostly + ", " + firstQueries, "within one hour's 5,000 each");
        BenchmarkSummary.add(discovery, "unchanged re-scan: requests that cost rate limit", rescanCostly + " (" + again.notModified() + " free 304s)",
                "< 50 at 10,000 repositories");
        System.out.println("first scan answers at its end: " + firstCounts);

        assertThat(notOk).as("every descriptor read").isZero();
        assertThat(firstRestCostly + loadRestCostly).as("a first scan and load fit a token's hourly REST budget").isLessThan(5_000);
        assertThat(firstQueries).as("and its GraphQL budget").isLessThan(5_000);
        assertThat(again.repositoriesRead()).isZero();
        assertThat(rescanCostly).as("an unchanged re-scan costs under 1% of 5,000 requests").isLessThan(50);
        assertThat(rescanCounts.keySet()).as("only 304s").allMatch(kind -> kind.endsWith("-304"));
    }

    /** Through the bean the admin route calls: an HTTP client would give up on a long first scan. */
    private ScanSummary scan() {
        return discovery.scanNow(clients.provider("acme").orElseThrow());
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
