package io.catalog.graph.api;

import io.catalog.graph.app.ReadActivity;
import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.storage.Lease;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Metrics;
import io.catalog.graph.testing.Sql;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.UUID;

import static io.catalog.graph.testing.CatalogApi.awaitRead;
import static io.catalog.graph.testing.CatalogApi.entity;
import static io.catalog.graph.testing.CatalogApi.registerFile;
import static io.catalog.graph.testing.Descriptors.component;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator sees on {@code /q/metrics}: the catalog's state, the refresh loop's work, and the HTTP traffic. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class MetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    @Inject
    DataSource dataSource;

    @Inject
    LocationStore locations;
    @Inject
    ReadActivity reads;

    private Sql sql;
    private Workspace ws;

    @BeforeEach
    void setUp() {
        sql = new Sql(dataSource);
        ws = Workspace.create("metrics");
    }

    @Test
    void locationsAreCountedByStatusAsTheDatabaseHasThem() {
        ws.write("good.yaml", component("metrics-good", "team-a"));
        registerFile(ws, "good.yaml");
        registerFile(ws, "missing.yaml"); // never written: its read fails
        awaitRead(path("good.yaml"));
        awaitRead(path("missing.yaml"));

        await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
            Metrics metrics = Metrics.scrape();
            for (String status : new String[] {"pending", "ok", "failed"}) {
                assertThat(metrics.value("catalog_locations", "status", status)).as(status)
                        .isEqualTo(count("SELECT count(*) FROM locations WHERE status = ?", status));
            }
        });
        Metrics metrics = Metrics.scrape();
        assertThat(metrics.value("catalog_locations", "status", "ok")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("catalog_locations", "status", "failed")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void entitiesAreCountedByKind() {
        ws.write("catalog-info.yaml", component("metrics-counted", "team-a"));
        registerFile(ws, "catalog-info.yaml");
        awaitRead(path("catalog-info.yaml"));

        await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
            Metrics metrics = Metrics.scrape();
            assertThat(metrics.value("catalog_entities", "kind", "component"))
                    .isEqualTo(count("SELECT count(*) FROM entities WHERE kind = ?", "component"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(metrics.value("catalog_entities", "kind", "location"))
                    .isEqualTo(count("SELECT count(*) FROM entities WHERE kind = ?", "location"));
        });
        // stitched once the load is served: nothing left for reads to assemble
        await().atMost(WAIT).pollInterval(POLL).untilAsserted(() ->
                assertThat(Metrics.scrape().value("catalog_entities_stale")).isZero());
    }

    @Test
    void eachRefreshIsTimedByItsOutcome() {
        ws.write("catalog-info.yaml", component("metrics-outcomes", "team-a"));
        registerFile(ws, "catalog-info.yaml");
        awaitRead(path("catalog-info.yaml"));

        double unchanged = outcomes("unchanged");
        makeDue("catalog-info.yaml");
        await().atMost(WAIT).pollInterval(POLL).until(() -> outcomes("unchanged") > unchanged);

        double processed = outcomes("processed");
        Metrics phasesBefore = Metrics.scrape();
        ws.write("catalog-info.yaml", component("metrics-outcomes", "team-b"));
        makeDue("catalog-info.yaml");
        await().atMost(WAIT).pollInterval(POLL).until(() -> outcomes("processed") > processed);
        assertThat(entity("component", "metrics-outcomes").getString("spec.owner")).isEqualTo("team-b");
        // a changed location's time, split into reading-and-processing and committing
        Metrics phasesAfter = Metrics.scrape();
        for (String phase : new String[] {"read-and-process", "commit"}) {
            assertThat(phasesAfter.value("catalog_location_refresh_phase_seconds_count", "phase", phase)).as(phase)
                    .isGreaterThanOrEqualTo(phasesBefore.value("catalog_location_refresh_phase_seconds_count", "phase", phase) + 1);
            assertThat(phasesAfter.value("catalog_location_refresh_phase_seconds_sum", "phase", phase)).as(phase)
                    .isGreaterThan(phasesBefore.value("catalog_location_refresh_phase_seconds_sum", "phase", phase));
        }

        double parseFailed = outcomes("parse-failed");
        ws.write("catalog-info.yaml", "kind: Component\nmetadata: [unclosed\n");
        makeDue("catalog-info.yaml");
        await().atMost(WAIT).pollInterval(POLL).until(() -> outcomes("parse-failed") > parseFailed);

        double readFailed = outcomes("read-failed");
        ws.delete("catalog-info.yaml");
        makeDue("catalog-info.yaml");
        await().atMost(WAIT).pollInterval(POLL).until(() -> outcomes("read-failed") > readFailed);

        Metrics metrics = Metrics.scrape();
        // every outcome is there from the start, so a rate() or an alert on failures never sees a missing series
        for (String outcome : new String[] {"unchanged", "processed", "read-failed", "parse-failed", "claim-lost",
                "commit-failed", "database-unavailable", "error"}) {
            assertThat(metrics.value("catalog_location_refresh_seconds_count", "outcome", outcome)).as(outcome).isNotNull();
        }
        assertThat(metrics.value("catalog_location_refresh_seconds_sum", "outcome", "processed")).isPositive();
    }

    @Test
    void refreshLagIsTheAgeOfTheOldestDueLocation() {
        UUID stuck = sql.quietLocation(ws.root().resolve("stuck.yaml").toString());
        try {
            // held by a worker that never finishes, and due for an hour: the loop cannot catch up with it
            locations.claim(stuck, new Lease("test", Duration.ofHours(1))).orElseThrow();
            sql.update("UPDATE locations SET status = 'ok', next_refresh_at = now() - interval '1 hour' WHERE id = ?", stuck);

            await().atMost(WAIT).pollInterval(POLL).untilAsserted(() ->
                    assertThat(Metrics.scrape().value("catalog_refresh_lag_seconds")).isBetween(3600.0, 4000.0));
        } finally {
            locations.delete(stuck);
        }
        await().atMost(WAIT).pollInterval(POLL).untilAsserted(() ->
                assertThat(Metrics.scrape().value("catalog_refresh_lag_seconds")).isLessThan(3600.0));
    }

    @Test
    void theRefreshLoopReportsFewerWorkersAllowedWhileReadsAreServed() {
        int processors = Runtime.getRuntime().availableProcessors();
        double all = processors + 1; // catalog.refresh.parallelism's default
        double whileServing = Math.min(all, Math.max(1, processors / 2)); // catalog.refresh.parallelism-while-serving's
        await().atMost(ReadActivity.WINDOW.plusSeconds(5)).until(() -> !reads.serving());
        assertThat(Metrics.scrape().value("catalog_refresh_workers_allowed")).as("nobody reading").isEqualTo(all);

        given().get("/api/catalog/entities?limit=1").then().statusCode(200);

        assertThat(Metrics.scrape().value("catalog_refresh_workers_allowed")).as("a read just answered").isEqualTo(whileServing);
        await().atMost(ReadActivity.WINDOW.plusSeconds(5)).pollInterval(POLL).untilAsserted(() ->
                assertThat(Metrics.scrape().value("catalog_refresh_workers_allowed")).as("a second later").isEqualTo(all));
    }

    @Test
    void httpRequestsAreRecordedByRouteTemplateNotByRawPath() {
        given().get("/api/catalog/entities").then().statusCode(200);
        given().get("/api/catalog/entities/by-name/component/default/metrics-no-such-name").then().statusCode(404);
        String unknownId = UUID.randomUUID().toString();
        given().header("Authorization", "Bearer not-a-token").delete("/api/catalog/locations/" + unknownId).then().statusCode(403);

        await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> {
            Metrics metrics = Metrics.scrape();
            assertThat(metrics.series("http_server_requests_seconds_count", "method", "GET", "uri", "/api/catalog/entities",
                    "status", "200")).isNotEmpty();
            assertThat(metrics.series("http_server_requests_seconds_count", "method", "GET",
                    "uri", "/api/catalog/entities/by-name/{kind}/{namespace}/{name}", "status", "404")).isNotEmpty();
            // refused by the token check, which runs after routing: counted under the route it reached
            assertThat(metrics.series("http_server_requests_seconds_count", "method", "DELETE", "uri", "/api/catalog/locations/{id}",
                    "status", "403")).isNotEmpty();
            assertThat(metrics.text()).doesNotContain("metrics-no-such-name").doesNotContain(unknownId);
        });
    }

    private double outcomes(String outcome) {
        Double value = Metrics.scrape().value("catalog_location_refresh_seconds_count", "outcome", outcome);
        return value == null ? 0 : value;
    }

    private void makeDue(String relativePath) {
        sql.update("UPDATE locations SET next_refresh_at = now() WHERE target = ?", path(relativePath));
    }

    private double count(String query, String parameter) {
        return ((Number) sql.value(query, parameter)).doubleValue();
    }

    private String path(String relativePath) {
        return ws.root().resolve(relativePath).toString();
    }
}
