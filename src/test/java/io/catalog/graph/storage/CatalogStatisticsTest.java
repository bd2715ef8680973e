package io.catalog.graph.storage;

import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The counts behind the operator's gauges, against the real database. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class CatalogStatisticsTest {

    @Inject
    CatalogStatistics statistics;
    @Inject
    LocationStore locations;
    @Inject
    DataSource dataSource;

    private Sql sql;

    @BeforeEach
    void setUp() {
        sql = new Sql(dataSource);
    }

    @Test
    void everyStatusIsCountedAndAStatusWithNoLocationsIsZero() {
        UUID failed = sql.quietLocation("/nowhere/counted-" + UUID.randomUUID() + ".yaml");
        try {
            sql.update("UPDATE locations SET status = 'failed' WHERE id = ?", failed);
            // the app's loop may move other locations between two reads; retried until both reads agree
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                CatalogCounts counts = statistics.read();
                assertThat(counts.locationsByStatus()).containsOnlyKeys("pending", "ok", "failed");
                for (String status : CatalogCounts.LOCATION_STATUSES) {
                    assertThat(counts.locationsByStatus().get(status)).as(status)
                            .isEqualTo(sql.value("SELECT count(*) FROM locations WHERE status = ?", status));
                }
            });
            assertThat(statistics.read().locationsByStatus().get("failed")).isPositive();
        } finally {
            locations.delete(failed);
        }
    }

    @Test
    void entitiesAreCountedPerKind() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            CatalogCounts counts = statistics.read();
            assertThat(counts.entitiesByKind().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(sql.value("SELECT count(*) FROM entities"));
            assertThat(counts.entitiesByKind().get("location"))
                    .isEqualTo(sql.value("SELECT count(*) FROM entities WHERE kind = 'location'"));
        });
    }

    @Test
    void lagIsHowLongTheOldestDueLocationHasWaited() {
        UUID stuck = sql.quietLocation("/nowhere/lagging-" + UUID.randomUUID() + ".yaml");
        try {
            locations.claim(stuck, new Lease("test", Duration.ofHours(1))).orElseThrow(); // held, so the app's loop does not read it
            sql.update("UPDATE locations SET status = 'ok', next_refresh_at = now() - interval '2 hours' WHERE id = ?", stuck);

            assertThat(statistics.read().refreshLag()).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(5));
        } finally {
            locations.delete(stuck);
        }
        // nothing else has waited that long: the lag falls back to seconds (zero when nothing is due)
        assertThat(statistics.read().refreshLag()).isLessThan(Duration.ofMinutes(5));
    }
}
