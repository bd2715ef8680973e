package io.catalog.graph.bench;

import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.testing.Sql;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The benchmarks of one run share one application, and their synthetic catalogs the same entity names: each removes
 * its catalog when done, so the next one loads into the same empty catalog instead of colliding with it.
 */
final class BenchmarkCatalogs {

    private BenchmarkCatalogs() {
    }

    /** Removes the catalog registered at {@code root} with every entity it produced, and waits until the graph has too. */
    static void remove(LocationStore locations, DataSource dataSource, Path root) {
        Sql sql = new Sql(dataSource);
        List<UUID> ids = sql.column("SELECT id FROM locations WHERE type = 'file' AND target = ?", root.toString()).stream()
                .map(UUID.class::cast).toList();
        locations.removeWithEntities(ids);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> sql.count("SELECT count(*) FROM graph_changes") == 0);
    }
}
